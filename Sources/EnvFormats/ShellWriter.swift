/// Writes variables as `export NAME=value` lines that bash, dash, zsh and fish all read back
/// exactly, and none of them runs: `eval "$(lwexec env ... --format shell)"` in a POSIX shell,
/// `lwexec env ... --format shell | source` in fish.
///
/// One quoting reads the same in the four: runs of characters other than `'` and `\` go in single
/// quotes (where POSIX shells and fish take everything literally, newlines included, as long as no
/// `'` or `\` is inside: fish's single quotes treat `\'` and `\\` as escapes), and runs of `'` and
/// `\` go in double quotes, a backslash doubled (`"'"`, `"\\"`: the same in every shell). Two
/// single-quoted runs never touch, so zsh's RC_QUOTES (`''` for a quote) changes nothing. fish's
/// `export NAME=value` sets a global exported variable with the value as one element.
public enum ShellWriter {
    /// `export NAME=value` per variable, in order.
    public static func render(_ variables: [(String, String)]) -> String {
        variables.map { "export \($0.0)=\(quote($0.1))\n" }.joined()
    }

    /// `s` as typed when it is one plain shell word, else quoted.
    public static func quoteIfNeeded(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) || "_./:@%+,=-".utf8.contains(b)
        }
        return plain ? s : quote(s)
    }

    /// One shell word for `s` that bash, dash, zsh and fish read as exactly `s`.
    public static func quote(_ s: String) -> String {
        if s.isEmpty { return "''" }
        var out = ""
        var open: Unicode.Scalar? = nil  // the quote character of the run being written
        for u in s.unicodeScalars {
            let special = u == "'" || u == "\\"
            let wanted: Unicode.Scalar = special ? "\"" : "'"
            if open != wanted {
                if let q = open { out.unicodeScalars.append(q) }
                out.unicodeScalars.append(wanted)
                open = wanted
            }
            if u == "\\" { out += "\\\\" } else { out.unicodeScalars.append(u) }
        }
        if let q = open { out.unicodeScalars.append(q) }
        return out
    }
}
