import Glibc

/// Milliseconds on the monotonic clock: deadlines, timeouts and timings (never the wall clock).
public enum MonotonicClock {
    public static func ms() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
