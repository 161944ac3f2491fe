/// The standard retry mode's retry quota: a token bucket shared by every call of one client, so a
/// service that keeps failing is not hammered with retries (the SDKs' `RetryQuota` / retry token bucket).
///
/// The numbers are the SDKs': 500 tokens to start with, a retry costs 5 (10 after a timeout or a
/// failed connection), a retry that succeeds gives its cost back, and a first attempt that succeeds
/// adds 1 (up to the initial 500). When a retry cannot be paid for, the error is final.
/// Not thread-safe: one client, driven from one thread.
public final class RetryQuota {
    public static let initialTokens = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let noRetryIncrement = 1

    /// Tokens left.
    public private(set) var available: Int

    public init(tokens: Int = RetryQuota.initialTokens) { available = tokens }

    /// Takes the cost of retrying after `error`; nil (nothing taken) when the quota cannot pay it.
    public func acquire(after error: AWSError) -> Int? {
        let cost = error.kind == .transport ? Self.timeoutRetryCost : Self.retryCost
        guard available >= cost else { return nil }
        available -= cost
        return cost
    }

    /// Records a success: a retry's cost comes back (`paid`), a first attempt adds `noRetryIncrement`.
    public func release(paid: Int?) {
        available = min(Self.initialTokens, available + (paid ?? Self.noRetryIncrement))
    }
}
