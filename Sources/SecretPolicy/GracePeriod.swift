/// The SOP's grace period: the previous version of a rotated secret is kept for 24 hours, so that
/// consumers still on it can move to the new one before it is retired.
public enum GracePeriod {
    /// 24 hours, in seconds.
    public static let seconds = 24 * 3600

    /// Whole seconds left of the grace period that began at `created` (epoch seconds), or nil when it
    /// is over. A `created` ahead of `now` (the service's clock ahead of this machine's) counts as now:
    /// never more than 24 hours are left.
    public static func remaining(since created: Double, now: Double) -> Int? {
        guard created.isFinite, now.isFinite else { return nil }
        let elapsed = max(0, now - created)
        guard elapsed < Double(seconds) else { return nil }
        return Int((Double(seconds) - elapsed).rounded(.up))
    }

    /// `23 h 59 min`, `45 min`, `under a minute`: what is left, rounded down to the minute.
    public static func describe(_ seconds: Int) -> String {
        let minutes = seconds / 60
        if minutes == 0 { return "under a minute" }
        if minutes < 60 { return "\(minutes) min" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }
}
