import Testing
@testable import AWSClient
@testable import AWSConfig

/// The standard mode's retry quota and the launch policy, against the SDKs' numbers.
@Suite struct RetryQuotaTests {
    let throttled = AWSError(.service(code: "ThrottlingException", status: 400), "Rate exceeded")
    let timedOut = AWSError(.transport, "timed out")

    @Test func retriesCostFiveOrTenOfFiveHundredTokens() {
        let q = RetryQuota()
        #expect(q.available == 500)
        #expect(q.acquire(after: throttled) == 5)
        #expect(q.acquire(after: timedOut) == 10)
        #expect(q.available == 485)
    }

    @Test func anExhaustedQuotaRefusesRetries() {
        let q = RetryQuota()
        var paid = 0
        while q.acquire(after: throttled) != nil { paid += 1 }
        #expect(paid == 100 && q.available == 0)
        #expect(q.acquire(after: timedOut) == nil)
        // A retry that succeeded gives its cost back; a first attempt adds one token.
        q.release(paid: 5)
        #expect(q.available == 5)
        q.release(paid: nil)
        #expect(q.available == 6)
        #expect(q.acquire(after: timedOut) == nil, "a timeout retry costs 10")
        #expect(q.acquire(after: throttled) == 5)
    }

    @Test func neverGrowsPastTheInitialTokens() {
        let q = RetryQuota()
        for _ in 0..<10 { q.release(paid: nil) }
        #expect(q.available == 500)
    }

    @Test func aLaunchIsBoundedByItsDeadlineUnlessConfigured() {
        let launch = RetryPolicy().forLaunch()
        #expect(launch.maxAttempts == .max && launch.mode == .adaptive && !launch.usesQuota)
        #expect(launch.maxBackoffMs == RetryPolicy.launchMaxBackoffMs)
        #expect(launch.maxAttemptsWithoutAnswer == 3, "an endpoint that never answers is named within seconds")
        var configured = RetryPolicy(maxAttempts: 4)
        configured.attemptsConfigured = true
        configured.mode = .standard
        configured.modeConfigured = true
        let p = configured.forLaunch()
        #expect(p.maxAttempts == 4 && p.maxAttemptsWithoutAnswer == 4 && p.mode == .standard)
        #expect(RetryPolicy().usesQuota, "an SDK-style call pays retries from the quota")
    }

    /// Full jitter: uniform between 0 and min(cap, base·2^(attempt-1)) — spread over the whole range,
    /// never above it (a constant 0 would fail the spread).
    @Test func backoffIsFullJitterUnderTheCap() {
        let p = RetryPolicy().forLaunch()
        for (attempt, ceiling) in [(1, 1_000), (2, 2_000), (3, 4_000), (5, 5_000), (64, 5_000), (Int.max, 5_000)] {
            let waits = (0..<400).map { _ in p.backoffMs(afterAttempt: attempt) }
            #expect(waits.allSatisfy { (0...ceiling).contains($0) })
            #expect(waits.max()! > ceiling * 3 / 4 && waits.min()! < ceiling / 4, "full jitter spreads over 0...\(ceiling)")
        }
    }

    @Test func deadlinesNeverOverflow() {
        #expect(Deadline.after(seconds: .max).monotonicMs == .max)
        #expect(Deadline.after(ms: -5).remainingMs <= 0)
        #expect(!Deadline.after(seconds: 30).hasPassed)
    }
}

/// Secrets Manager's quotas are per API: a throttled BatchGetSecretValue must not slow GetSecretValue.
@Suite struct RetryDriverLimiterTests {
    @Test func oneLimiterPerOperationInAdaptiveModeNoneInStandard() {
        let driver = RetryDriver(policy: RetryPolicy().forLaunch(), log: Logger())
        let batch = driver.limiter(for: "BatchGetSecretValue"), get = driver.limiter(for: "GetSecretValue")
        #expect(batch != nil && get != nil && batch !== get)
        #expect(driver.limiter(for: "BatchGetSecretValue") === batch)
        batch?.update(throttled: true)
        #expect(batch?.enabled == true && get?.enabled == false, "a throttle on one API leaves the other's limiter off")
        #expect(RetryDriver(policy: RetryPolicy(), log: Logger()).limiter(for: "GetSecretValue") == nil)
    }
}
