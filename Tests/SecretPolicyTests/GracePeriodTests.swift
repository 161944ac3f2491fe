import Testing
@testable import SecretPolicy

@Suite struct GracePeriodTests {
    let now = 1_800_000_000.0

    @Test func aMinuteAfterARotationLeaves23HoursAnd59Minutes() {
        #expect(GracePeriod.remaining(since: now - 60, now: now) == 86_340)
        #expect(GracePeriod.describe(86_340) == "23 h 59 min")
    }

    @Test func aCreationTimeAheadOfThisClockLeavesAtMost24Hours() {
        // The service's clock a few minutes ahead: it said "about 25 h left" of a 24-hour period.
        #expect(GracePeriod.remaining(since: now + 300, now: now) == 86_400)
        #expect(GracePeriod.describe(86_400) == "24 h 0 min")
    }

    @Test func theEndOfThePeriod() {
        #expect(GracePeriod.remaining(since: now - 86_399.5, now: now) == 1)
        #expect(GracePeriod.describe(1) == "under a minute")
        #expect(GracePeriod.describe(2_700) == "45 min")
        #expect(GracePeriod.remaining(since: now - 86_400, now: now) == nil)
        #expect(GracePeriod.remaining(since: .nan, now: now) == nil)
    }
}
