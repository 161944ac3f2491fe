import Glibc
import LWSystem

/// Monotonic and wall-clock time, without Foundation.
public enum Clock {
    /// Milliseconds on a monotonic clock, for timings and deadlines.
    public static func monotonicMs() -> Int { MonotonicClock.ms() }

    /// Seconds since the epoch.
    public static func epochSeconds() -> Int { Int(time(nil)) }

    /// Sleeps for `ms` milliseconds.
    public static func sleep(ms: Int) {
        guard ms > 0 else { return }
        var ts = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
        var left = timespec()
        while nanosleep(&ts, &left) != 0 && errno == EINTR { ts = left }
    }
}
