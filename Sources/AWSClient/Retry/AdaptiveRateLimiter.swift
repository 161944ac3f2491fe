import Glibc

/// The client-side rate limiter of the SDKs' `adaptive` retry mode: a token bucket whose fill
/// rate follows CUBIC — cut by 30% on each throttling answer, grown back as calls succeed.
///
/// It stays off until the first throttling answer, so a run that is never throttled pays nothing;
/// when a fleet starts at once, each client slows itself down instead of retrying into the storm.
/// One per client (owned by its `RetryDriver`), driven from one thread.
public final class AdaptiveRateLimiter {

    static let beta = 0.7, scale = 0.4, smooth = 0.8, minFillRate = 0.5, minCapacity = 1.0

    private(set) var enabled = false
    private(set) var fillRate = 0.0
    private var maxCapacity = 0.0, capacity = 0.0, lastRefill = 0.0
    private(set) var measuredRate = 0.0
    private var lastRateBucket = 0.0, requestCount = 0.0
    private var lastMaxRate = 0.0, lastThrottle = 0.0, timeWindow = 0.0
    private let now: () -> Double
    private let sleep: (Double) -> Void

    /// A limiter on the monotonic clock; `now` and `sleep` (seconds) can be replaced in tests.
    public init(now: @escaping () -> Double = { Double(Clock.monotonicMs()) / 1000 },
                sleep: @escaping (Double) -> Void = { Clock.sleep(ms: Int(($0 * 1000).rounded(.up))) }) {
        self.now = now
        self.sleep = sleep
        lastRateBucket = (now() * 2).rounded(.down) / 2
        lastThrottle = now()
    }

    /// Waits until a send token is available (no wait while the limiter is off).
    /// Never waits past `deadline` (seconds on the same clock); returns false when it would have to.
    @discardableResult
    public func acquire(deadline: Double = .infinity) -> Bool {
        guard enabled else { return true }
        refill()
        if capacity < 1 {
            let wait = (1 - capacity) / fillRate
            if now() + wait >= deadline { return false }
            sleep(wait)
            refill()
        }
        capacity = max(0, capacity - 1)
        return true
    }

    /// Records an answer: throttling answers cut the rate (and switch the limiter on), others grow it.
    public func update(throttled: Bool) {
        updateMeasuredRate()
        let t = now()
        var rate: Double
        if throttled {
            let base = enabled ? min(measuredRate, fillRate) : measuredRate
            lastMaxRate = base
            timeWindow = cbrt(lastMaxRate * (1 - Self.beta) / Self.scale)
            lastThrottle = t
            rate = base * Self.beta
            enabled = true
        } else {
            timeWindow = cbrt(lastMaxRate * (1 - Self.beta) / Self.scale)
            rate = Self.scale * pow(t - lastThrottle - timeWindow, 3) + lastMaxRate
        }
        rate = min(rate, 2 * measuredRate)
        refill()
        fillRate = max(rate, Self.minFillRate)
        maxCapacity = max(rate, Self.minCapacity)
        capacity = min(capacity, maxCapacity)
    }

    private func refill() {
        let t = now()
        if lastRefill == 0 { lastRefill = t }
        capacity = min(maxCapacity, capacity + (t - lastRefill) * fillRate)
        lastRefill = t
    }

    private func updateMeasuredRate() {
        let bucket = (now() * 2).rounded(.down) / 2
        requestCount += 1
        if bucket > lastRateBucket {
            let current = requestCount / (bucket - lastRateBucket)
            measuredRate = current * Self.smooth + measuredRate * (1 - Self.smooth)
            requestCount = 0
            lastRateBucket = bucket
        }
    }
}
