/// Writes variables as `export NAME='value'` lines that are safe to `eval` in any POSIX shell.
///
/// Inside single quotes nothing is special, so a value is exact as long as its own `'`s are
/// written `'\''` (close, escaped quote, reopen). Newlines stay literal inside the quotes.
public enum ShellWriter {
    /// `export NAME='value'` per variable, in order.
    public static func render(_ variables: [(String, String)]) -> String {
        variables.map { "export \($0.0)=\(quote($0.1))\n" }.joined()
    }

    /// `s` as typed when it is one plain shell word, else single-quoted.
    public static func quoteIfNeeded(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) || "_./:@%+,=-".utf8.contains(b)
        }
        return plain ? s : quote(s)
    }

    /// A single-quoted shell word for `s`.
    public static func quote(_ s: String) -> String {
        var out = "'"
        for u in s.unicodeScalars {
            if u == "'" { out += "'\\''" } else { out.unicodeScalars.append(u) }
        }
        return out + "'"
    }
}
