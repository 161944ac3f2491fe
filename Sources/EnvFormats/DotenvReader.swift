/// Reads a `.env` file the way python-dotenv does, without variable expansion: values are taken literally.
///
/// - `NAME=value`, `export NAME=value`, blank lines and `# comments`;
/// - unquoted values end at the line's end, lose a ` # comment` and surrounding blanks;
/// - `'single'` quoted values are literal but for `\\` and `\'`, and may span lines;
/// - `"double"` quoted values take `\\ \' \" \a \b \f \n \r \t \v`, and may span lines.
///
/// A later entry for the same name replaces an earlier one, as in python-dotenv.
public enum DotenvReader {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// 1-based line where the entry starts.
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The entries of `text`, in the order their names first appear.
    public static func parse(_ text: String) throws(ParseError) -> [(String, String)] {
        var p = Parser(normalizingNewlines(Array(text.utf8)))
        var order: [String] = []
        var values: [String: String] = [:]
        while let (name, value) = try p.nextEntry() {
            if values[name] == nil { order.append(name) }
            values[name] = value
        }
        return order.map { ($0, values[$0]!) }
    }

    /// `\r\n` and lone `\r` become `\n`, as Python's text mode reads a file.
    static func normalizingNewlines(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x0d {
                out.append(0x0a)
                if i + 1 < b.count, b[i + 1] == 0x0a { i += 1 }
            } else {
                out.append(b[i])
            }
            i += 1
        }
        return out
    }
}

private struct Parser {
    let b: [UInt8]
    var i = 0
    var line = 1

    init(_ bytes: [UInt8]) { b = bytes }

    static let nl: UInt8 = 0x0a, hash = UInt8(ascii: "#"), eq = UInt8(ascii: "="), sq = UInt8(ascii: "'"),
               dq = UInt8(ascii: "\""), bs = UInt8(ascii: "\\")

    func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0b || c == 0x0c }

    func fail(_ reason: String, at l: Int? = nil) -> DotenvReader.ParseError { .init(line: l ?? line, reason: reason) }

    mutating func advance() {
        if b[i] == Self.nl { line += 1 }
        i += 1
    }

    mutating func skipBlanks() { while i < b.count, isBlank(b[i]) { i += 1 } }

    mutating func skipLine() { while i < b.count, b[i] != Self.nl { i += 1 }; if i < b.count { advance() } }

    mutating func nextEntry() throws(DotenvReader.ParseError) -> (String, String)? {
        while true {
            skipBlanks()
            guard i < b.count else { return nil }
            if b[i] == Self.nl { advance(); continue }
            if b[i] == Self.hash { skipLine(); continue }
            break
        }
        let start = line
        if matches("export"), i + 6 < b.count, isBlank(b[i + 6]) { i += 6; skipBlanks() }
        let name = try key()
        skipBlanks()
        guard i < b.count, b[i] == Self.eq else { throw fail("expected = after \(name)", at: start) }
        i += 1
        skipBlanks()
        let value: String
        if i < b.count, b[i] == Self.sq {
            value = try quoted(Self.sq, start: start)
        } else if i < b.count, b[i] == Self.dq {
            value = try quoted(Self.dq, start: start)
        } else {
            value = unquoted()
        }
        return (name, value)
    }

    func matches(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= b.count && Array(b[i..<i + w.count]) == w
    }

    mutating func key() throws(DotenvReader.ParseError) -> String {
        guard i < b.count else { throw fail("expected a variable name") } // `export ` at the end of the input
        if b[i] == Self.sq {
            let s = i + 1
            guard let end = b[s...].firstIndex(of: Self.sq), end > s, !b[s..<end].contains(Self.nl) else { throw fail("unterminated quoted name") }
            i = end + 1
            return String(decoding: b[s..<end], as: UTF8.self)
        }
        let s = i
        while i < b.count, b[i] != Self.eq, b[i] != Self.hash, b[i] != Self.nl, !isBlank(b[i]) { i += 1 }
        guard i > s else { throw fail("expected a variable name") }
        return String(decoding: b[s..<i], as: UTF8.self)
    }

    mutating func unquoted() -> String {
        let s = i
        while i < b.count, b[i] != Self.nl { i += 1 }
        var part = Array(b[s..<i])
        // A comment starts at `#` after a blank.
        var k = 1
        while k < part.count {
            if part[k] == Self.hash, isBlank(part[k - 1]) {
                var j = k - 1
                while j > 0, isBlank(part[j - 1]) { j -= 1 }
                part = Array(part[..<j])
                break
            }
            k += 1
        }
        while let last = part.last, isBlank(last) { part.removeLast() }
        return String(decoding: part, as: UTF8.self)
    }

    mutating func quoted(_ q: UInt8, start: Int) throws(DotenvReader.ParseError) -> String {
        advance()
        var raw: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("unterminated quoted value", at: start) }
            let c = b[i]
            if c == Self.bs, i + 1 < b.count, b[i + 1] == q {
                raw += [c, q]
                i += 2
                continue
            }
            if c == q { i += 1; break }
            raw.append(c)
            advance()
        }
        // Only blanks and a comment may follow on the line.
        skipBlanks()
        if i < b.count, b[i] != Self.nl {
            guard b[i] == Self.hash else { throw fail("unexpected text after the closing quote", at: line) }
            skipLine()
        }
        return String(decoding: unescape(raw, double: q == Self.dq), as: UTF8.self)
    }

    func unescape(_ raw: [UInt8], double: Bool) -> [UInt8] {
        let table: [UInt8: UInt8] = double
            ? [Self.bs: Self.bs, Self.sq: Self.sq, Self.dq: Self.dq, UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08,
               UInt8(ascii: "f"): 0x0c, UInt8(ascii: "n"): 0x0a, UInt8(ascii: "r"): 0x0d, UInt8(ascii: "t"): 0x09,
               UInt8(ascii: "v"): 0x0b]
            : [Self.bs: Self.bs, Self.sq: Self.sq]
        var out: [UInt8] = []
        var k = 0
        while k < raw.count {
            if raw[k] == Self.bs, k + 1 < raw.count, let r = table[raw[k + 1]] {
                out.append(r)
                k += 2
            } else {
                out.append(raw[k])
                k += 1
            }
        }
        return out
    }
}
