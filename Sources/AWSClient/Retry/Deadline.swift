/// The moment on the monotonic clock by which an operation must be done.
///
/// A deadline belongs to one operation — a resolution, one `--watch` poll, one credential refresh,
/// one completion, one management command — never to a long-lived session: a watcher that polls for
/// days gets a fresh one for each poll.
public struct Deadline: Sendable, Equatable {
    /// Milliseconds on `Clock.monotonicMs()`.
    public let monotonicMs: Int

    public init(monotonicMs: Int) { self.monotonicMs = monotonicMs }

    /// The deadline `ms` milliseconds from now.
    public static func after(ms: Int) -> Deadline {
        let now = Clock.monotonicMs()
        let (sum, overflow) = now.addingReportingOverflow(max(0, ms))
        return Deadline(monotonicMs: overflow ? Int.max : sum)
    }

    /// The deadline `seconds` seconds from now.
    public static func after(seconds: Int) -> Deadline {
        let (ms, overflow) = max(0, seconds).multipliedReportingOverflow(by: 1000)
        return after(ms: overflow ? Int.max : ms)
    }

    /// Milliseconds left (negative once passed).
    public var remainingMs: Int { monotonicMs - Clock.monotonicMs() }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { remainingMs <= 0 }

    /// The deadline in seconds on the same clock (for the rate limiter).
    var seconds: Double { Double(monotonicMs) / 1000 }
}
