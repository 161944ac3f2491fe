/// Writes variables as a `.env` file that python-dotenv and docker compose read back exactly.
///
/// Each value takes the plainest quoting that both readers agree on:
/// - single quotes when the value holds no `'`, `\` or carriage return: both take it literally,
///   newlines, `$`, backticks, `"` and `#` included;
/// - otherwise double quotes, escaping `\` `"` newline and carriage return (`\\ \" \n \r`);
/// - a value ending in `\` cannot be quoted for python-dotenv (its pattern takes `\"` as an
///   escaped quote), so it is written unquoted when that is exact, and refused otherwise.
///
/// Readers disagree on `$`: python-dotenv expands `${NAME}` (unless `interpolate=False`), docker
/// compose expands `$NAME` in double quotes. Those values are written for the literal reading and
/// reported in `caveats` (variable names only), so the caller can say so.
///
/// The file is for dotenv readers, not for `source` / `set -a; . ./.env` in a shell: a single-quoted
/// value is safe there too, but a double-quoted one holding `$` or a backtick, or an unquoted one
/// holding shell syntax, would run as code. Those are reported in `caveats` as well (`--format shell`
/// is the output for shells).
public enum DotenvWriter {
    public struct Output: Sendable, Equatable {
        public var text: String
        /// One line per variable some dotenv reader would expand: name and reason, never the value.
        public var caveats: [String]
    }

    /// A value no dotenv reader can take back exactly.
    public struct UnrepresentableValue: Error, Sendable, Equatable, CustomStringConvertible {
        public var variable: String
        public var reason: String
        public var description: String { "\(variable): \(reason)" }
    }

    /// The file for `variables`, in order, one `NAME=VALUE` per entry.
    public static func render(_ variables: [(String, String)]) throws(UnrepresentableValue) -> Output {
        var text = "", caveats: [String] = []
        for (name, value) in variables {
            let (line, caveat) = try entry(name, value)
            text += line + "\n"
            if let caveat { caveats.append("\(name): \(caveat)") }
        }
        return Output(text: text, caveats: caveats)
    }

    /// One `NAME=VALUE` entry, and the caveat for it if any.
    static func entry(_ name: String, _ value: String) throws(UnrepresentableValue) -> (String, String?) {
        let pyCaveat = containsDollarBrace(value) ? "python-dotenv expands ${...} in it unless read with interpolate=False" : nil
        let scalars = value.unicodeScalars
        if !scalars.contains(where: { $0 == "'" || $0 == "\\" || $0 == "\r" }) {
            return ("\(name)='\(value)'", pyCaveat)
        }
        if scalars.last == "\\" {
            guard isSafeUnquoted(value) else {
                throw UnrepresentableValue(variable: name,
                    reason: "a value ending in a backslash cannot be quoted in a dotenv file; use --format shell or json")
            }
            return ("\(name)=\(value)", pyCaveat ?? (isShellWord(value) ? nil : notForShells))
        }
        var out = "\""
        for u in value.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
        let caveat = scalars.contains("$") ? "docker compose expands $ in double-quoted values; python-dotenv reads it exactly" : nil
        let shell = scalars.contains(where: { $0 == "$" || $0 == "`" }) ? notForShells : nil
        return ("\(name)=\(out)", [pyCaveat ?? caveat, shell].compactMap { $0 }.joined(separator: "; ").nilIfEmpty)
    }

    /// The caveat for a line a shell would not read as plain data.
    static let notForShells = "not safe to source from a shell (it would run $(...) or `...` in it); use --format shell for shells"

    /// Whether an unquoted value is one plain word to a shell: no expansion, no operator, no blank.
    static func isShellWord(_ value: String) -> Bool {
        value.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b)
                || "_./:@%+,=-".utf8.contains(b)
        }
    }

    /// Whether `value` holds `${`, which python-dotenv expands.
    static func containsDollarBrace(_ value: String) -> Bool {
        var previousDollar = false
        for b in value.utf8 {
            if previousDollar && b == UInt8(ascii: "{") { return true }
            previousDollar = b == UInt8(ascii: "$")
        }
        return false
    }

    /// Whether `value` reads back exactly when unquoted: one line, no surrounding blanks,
    /// no leading quote, no `#` (a comment to some readers) and no `$` (an expansion).
    static func isSafeUnquoted(_ value: String) -> Bool {
        let s = value.unicodeScalars
        guard let first = s.first, let last = s.last else { return false }
        if first == "'" || first == "\"" || first.properties.isWhitespace || last.properties.isWhitespace { return false }
        return !s.contains(where: { $0.properties.isWhitespace && $0 != " " || $0 == "#" || $0 == "$" })
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
