/// snake_case, the SOP's case for service and secret-type segments.
public enum SnakeCase {
    /// Whether `s` is lowercase words of `[a-z0-9]` joined by single underscores, starting with a letter.
    public static func isSnakeCase(_ s: String) -> Bool {
        guard let first = s.utf8.first, isLower(first) else { return false }
        var previousUnderscore = false
        for b in s.utf8 {
            if b == UInt8(ascii: "_") {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if isLower(b) || isDigit(b) {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return !previousUnderscore
    }

    /// The snake_case spelling of `s`: `DatabasePassword`, `database-password`, `API Key` → `database_password`, `api_key`.
    ///
    /// Word breaks come from separators (anything not a letter or digit) and from case changes
    /// (`dbPassword`, `APIKey` → `api_key`). Non-ASCII letters are dropped: segments are ASCII.
    public static func convert(_ s: String) -> String {
        let chars = Array(s.unicodeScalars)
        var words: [String] = []
        var word = ""
        func flush() { if !word.isEmpty { words.append(word); word = "" } }
        for (i, c) in chars.enumerated() {
            guard c.isASCII, let a = UInt8(exactly: c.value), isLower(a) || isUpper(a) || isDigit(a) else { flush(); continue }
            if isUpper(a), !word.isEmpty {
                let prev = chars[i - 1].value
                let nextIsLower = i + 1 < chars.count && chars[i + 1].isASCII && isLower(UInt8(chars[i + 1].value))
                let prevIsUpper = prev < 128 && isUpper(UInt8(prev))
                // dbPassword: lower→Upper starts a word; APIKey: the K of Key starts one.
                if !prevIsUpper || nextIsLower { flush() }
            }
            word.unicodeScalars.append(Unicode.Scalar(isUpper(a) ? a + 32 : a))
        }
        flush()
        var out = words.joined(separator: "_")
        // A segment must start with a letter.
        if let f = out.utf8.first, isDigit(f) { out = "s_" + out }
        return out
    }

    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7a }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5a }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
