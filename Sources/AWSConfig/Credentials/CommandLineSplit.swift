/// Splits a `credential_process` command line the way POSIX shells (and Python's `shlex.split`) do.
///
/// Whitespace separates words; single quotes keep everything literally; double quotes keep
/// everything but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes escapes the next character.
/// Nothing is expanded: the command runs without a shell.
public enum CommandLineSplit {
    public struct SplitError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The words of `line`, or an error naming an unterminated quote or a trailing backslash.
    public static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = [], word = "", inWord = false
        var it = Array(line).makeIterator()
        while let c = it.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'":
                inWord = true
                var closed = false
                while let d = it.next() { if d == "'" { closed = true; break }; word.append(d) }
                if !closed { throw SplitError(description: "no closing single quote") }
            case "\"":
                inWord = true
                var closed = false
                while let d = it.next() {
                    if d == "\"" { closed = true; break }
                    if d == "\\" {
                        guard let e = it.next() else { break }
                        if !["\"", "\\", "$", "`", "\n"].contains(e) { word.append("\\") }
                        if e != "\n" { word.append(e) }
                        continue
                    }
                    word.append(d)
                }
                if !closed { throw SplitError(description: "no closing double quote") }
            case "\\":
                guard let e = it.next() else { throw SplitError(description: "a backslash ends the command") }
                inWord = true
                if e != "\n" { word.append(e) }
            default:
                inWord = true
                word.append(c)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
