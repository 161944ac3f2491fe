#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A UTC instant in the two forms SigV4 uses: `20150830T123600Z` and `20150830`.
///
/// Computed with plain calendar arithmetic, so it needs neither Foundation nor the C library's time zone state.
public struct AmzDate: Sendable, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int
    /// The X-Amz-Date form, e.g. `20150830T123600Z`.
    public let long: String
    /// The date part used in the credential scope, e.g. `20150830`.
    public var short: String { String(long.prefix(8)) }

    /// The instant `epochSeconds` after the Unix epoch, in UTC.
    public init(epochSeconds: Int) {
        self.epochSeconds = epochSeconds
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secs = epochSeconds - days * 86_400
        let (y, m, d) = Self.civil(fromDays: days)
        long = Self.pad(y, 4) + Self.pad(m, 2) + Self.pad(d, 2) + "T"
            + Self.pad(secs / 3600, 2) + Self.pad(secs / 60 % 60, 2) + Self.pad(secs % 60, 2) + "Z"
    }

    /// The current wall-clock time, for signing live requests.

    /// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    private static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
