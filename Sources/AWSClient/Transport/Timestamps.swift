import AWSSigV4

/// ISO 8601 and RFC 1123 (HTTP `Date`) timestamps to and from epoch seconds, without Foundation.
///
/// Expirations arrive as ISO 8601 (STS, SSO cache, credential_process, IMDS) and the server's
/// clock as an HTTP `Date` header; both become plain epoch seconds here.
public enum Timestamps {
    /// Parses `2026-11-29T10:02:35Z`, with optional fractional seconds and a `Z`, `+hh:mm`,
    /// `+hhmm` or `-hh` offset (a space may stand for the `T`); nil when malformed.
    public static func parseISO8601(_ text: String) -> Int? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8...) -> Bool {
            guard i < b.count, c.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(0x2d), let mo = digits(2), expect(0x2d), let d = digits(2),
              expect(0x54, 0x74, 0x20), let h = digits(2), expect(0x3a), let mi = digits(2), expect(0x3a),
              let s = digits(2) else { return nil }
        if i < b.count, b[i] == 0x2e || b[i] == 0x2c {
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
        }
        var offset = 0
        if i < b.count {
            if b[i] == 0x5a || b[i] == 0x7a { i += 1 } else if b[i] == 0x2b || b[i] == 0x2d {
                let sign = b[i] == 0x2d ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = expect(0x3a)
                let om = i < b.count ? (digits(2) ?? 0) : 0
                offset = sign * (oh * 3600 + om * 60)
            } else { return nil }
        }
        guard i == b.count, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s <= 60 else { return nil }
        return days(year: y, month: mo, day: d) * 86_400 + h * 3600 + mi * 60 + s - offset
    }

    /// Parses an HTTP date, `Sun, 29 Nov 2026 09:02:35 GMT` (RFC 1123; the weekday is not checked); nil when malformed.
    public static func parseHTTPDate(_ text: String) -> Int? {
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 6, parts[5] == "GMT" || parts[5] == "UTC",
              let d = Int(parts[1]), let y = Int(parts[3]),
              let mo = months.firstIndex(of: parts[2].lowercased()) else { return nil }
        let hms = parts[4].split(separator: ":").compactMap { Int($0) }
        // Four-digit years only: a header from the network must not overflow the arithmetic below.
        guard hms.count == 3, (1...31).contains(d), (1...9999).contains(y),
              (0..<24).contains(hms[0]), (0..<60).contains(hms[1]), (0...60).contains(hms[2]) else { return nil }
        return days(year: y, month: mo + 1, day: d) * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
    }

    /// `2026-11-29T10:02:35Z` for an epoch second count.
    public static func formatISO8601(_ epochSeconds: Int) -> String {
        let long = AmzDateText.long(epochSeconds) // yyyyMMddTHHmmssZ
        let c = Array(long)
        return String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]) + "T"
            + String(c[9..<11]) + ":" + String(c[11..<13]) + ":" + String(c[13..<15]) + "Z"
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// The SigV4 date text, reused for ISO formatting.
enum AmzDateText {
    static func long(_ epochSeconds: Int) -> String { AmzDate(epochSeconds: epochSeconds).long }
}
