import LWCrypto

/// When to try a call again and how long to wait: the SDKs' standard and adaptive modes, and the
/// launch policy of `lwexec PREFIX -- cmd` (see `forLaunch()`).
public struct RetryPolicy: Sendable {
    /// Attempts per call, the first included (`AWS_MAX_ATTEMPTS`, default 3; `Int.max` for a launch).
    public var maxAttempts: Int
    /// Attempts per call when no answer comes back at all (refused, unknown host, reset, timed out):
    /// `maxAttempts` but for a launch, which keeps the SDKs' 3 (see `forLaunch()`).
    public var maxAttemptsWithoutAnswer: Int
    /// The longest single wait, in milliseconds.
    public var maxBackoffMs: Int
    /// The base of the exponential backoff, in milliseconds.
    public var baseMs: Int
    /// `standard`, or `adaptive` (standard plus the client-side rate limiter, `AdaptiveRateLimiter`).
    public var mode: Mode = .standard
    /// Whether retries are paid from a `RetryQuota` (standard mode as the SDKs define it).
    public var usesQuota = true
    /// Whether `AWS_MAX_ATTEMPTS` / `max_attempts` set `maxAttempts`.
    public var attemptsConfigured = false
    /// Whether `AWS_RETRY_MODE` / `retry_mode` set `mode`.
    public var modeConfigured = false

    public init(maxAttempts: Int = 3, maxBackoffMs: Int = 20_000, baseMs: Int = 1_000) {
        self.maxAttempts = maxAttempts
        self.maxAttemptsWithoutAnswer = maxAttempts
        self.maxBackoffMs = maxBackoffMs
        self.baseMs = baseMs
    }

    /// The longest single wait of a launch: short enough that a deadline of a few seconds still sees several attempts.
    public static let launchMaxBackoffMs = 5_000

    /// The policy for starting a command (exec, `env`): bounded by the run's deadline, not by a count.
    ///
    /// A container entrypoint that gives up on the third throttled answer crash-loops a whole
    /// deployment while the account is briefly throttled; an SDK call inside a running service can
    /// afford to fail fast, a launch cannot. So, unless configured otherwise: as many attempts as the
    /// deadline allows while the service answers "busy" (throttling, 5xx); an endpoint that does not
    /// answer at all is most often a wrong endpoint or no network, and keeps the SDKs' 3 attempts so it
    /// is named within seconds (an explicit `AWS_MAX_ATTEMPTS` caps both); the adaptive rate limiter
    /// (each process slows itself down instead of retrying into the storm; an explicit
    /// `AWS_RETRY_MODE=standard` turns it off), waits capped at `launchMaxBackoffMs`, and no retry
    /// quota (the deadline bounds the retries instead).
    public func forLaunch() -> RetryPolicy {
        var p = self
        if !attemptsConfigured { p.maxAttempts = .max }
        if !modeConfigured { p.mode = .adaptive }
        p.maxBackoffMs = min(p.maxBackoffMs, Self.launchMaxBackoffMs)
        p.usesQuota = false
        return p
    }

    /// Codes that mean "slow down" and are worth another try.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    /// Codes for transient failures on the service's side.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
        "InternalServiceError", "ServiceUnavailable", "IDPCommunicationError",
    ]

    /// Whether an error is worth retrying: no answer, throttling, or a transient failure on the service's side.
    /// `LimitExceededException` is a real quota error for Secrets Manager: not retried.
    public static func isRetryable(_ error: AWSError) -> Bool {
        switch error.kind {
        case .transport: return true
        case .service(let code, let status):
            return throttlingCodes.contains(code) || transientCodes.contains(code)
                || [500, 502, 503, 504].contains(status) || status == 429
        default: return false
        }
    }

    /// Whether the error is a throttling answer (which is what the adaptive limiter reacts to).
    public static func isThrottling(_ error: AWSError) -> Bool {
        guard case .service(let code, let status) = error.kind else { return false }
        return throttlingCodes.contains(code) || status == 429
    }

    /// Full-jitter exponential backoff before attempt `attempt + 1` (attempt counts from 1).
    public func backoffMs(afterAttempt attempt: Int) -> Int {
        let exp = min(maxBackoffMs, baseMs << min(max(attempt, 1) - 1, 20))
        return Int(SecureRandom.uniform(UInt64(max(0, exp)) + 1))
    }
}
