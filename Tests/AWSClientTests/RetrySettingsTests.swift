import Testing
@testable import AWSClient
@testable import AWSConfig

@Suite struct RetrySettingsTests {
    func policy(_ env: [(String, String)], config: String = "") throws -> RetryPolicy {
        try RetryPolicy.resolve(CredentialContext(env: ProcessEnvironment(env),
                                                  shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
                                                  profileFlag: nil))
    }

    @Test func environmentThenProfile() throws {
        #expect(try policy([]).maxAttempts == 3)
        #expect(try !policy([]).attemptsConfigured && !policy([]).modeConfigured)
        #expect(try policy([], config: "[default]\nmax_attempts = 2\n").forLaunch().maxAttempts == 2)
        #expect(try policy([("AWS_MAX_ATTEMPTS", "5"), ("AWS_RETRY_MODE", "adaptive")]).mode == .adaptive)
        let p = try policy([], config: "[default]\nmax_attempts = 7\nretry_mode = adaptive\n")
        #expect(p.maxAttempts == 7 && p.mode == .adaptive)
        #expect(try policy([("AWS_RETRY_MODE", "standard")], config: "[default]\nretry_mode = adaptive\n").mode == .standard)
        #expect(throws: AWSError.self) { try policy([("AWS_RETRY_MODE", "fast")]) }
        #expect(throws: AWSError.self) { try policy([("AWS_MAX_ATTEMPTS", "0")]) }
    }
}

@Suite struct AdaptiveRateLimiterTests {
    @Test func offUntilThrottledThenSlowsDown() {
        final class FakeTime: @unchecked Sendable { var t = 1000.0; var slept = 0.0 }
        let clock = FakeTime()
        let limiter = AdaptiveRateLimiter(now: { clock.t }, sleep: { clock.slept += $0; clock.t += $0 })
        for _ in 0..<20 { limiter.acquire(); limiter.update(throttled: false); clock.t += 0.05 }
        #expect(!limiter.enabled && clock.slept == 0)
        limiter.update(throttled: true)
        #expect(limiter.enabled)
        let rateAfterThrottle = limiter.fillRate
        for _ in 0..<10 { limiter.acquire() }
        #expect(clock.slept > 0, "a throttled limiter makes callers wait")
        limiter.update(throttled: true)
        #expect(limiter.fillRate <= rateAfterThrottle)
        #expect(!limiter.acquire(deadline: clock.t), "never waits past the deadline")
    }
}
