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
            return ("\(name)=\(value)", pyCaveat)
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
        return ("\(name)=\(out)", pyCaveat ?? caveat)
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
