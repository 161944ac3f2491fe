import Glibc

/// Monotonic and wall-clock time, without Foundation: deadlines, timeouts and timings use the
/// monotonic clock, never the wall clock.
public enum Clock {
    /// Milliseconds on a monotonic clock, for timings and deadlines.
    public static func monotonicMs() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

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
