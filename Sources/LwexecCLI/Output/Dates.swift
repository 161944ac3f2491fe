import Glibc

/// Dates from the service (epoch seconds) as text, in UTC, without Foundation.
enum Dates {
    /// `2025-10-28T14:03:07Z`, for JSON output.
    static func iso8601(_ epoch: Double) -> String { format(epoch, "%Y-%m-%dT%H:%M:%SZ") }

    /// `2025-10-28 14:03`, for tables.
    static func short(_ epoch: Double) -> String { format(epoch, "%Y-%m-%d %H:%M") }

    private static func format(_ epoch: Double, _ pattern: String) -> String {
        guard epoch.isFinite, var t = time_t(exactly: epoch.rounded(.down)) else { return "(invalid date)" }
        var tm = Glibc.tm()
        gmtime_r(&t, &tm)
        var buf = [CChar](repeating: 0, count: 64)
        let n = strftime(&buf, buf.count, pattern, &tm)
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
