import LWCrypto

/// When to try a call again and how long to wait: the SDKs' standard mode.
public struct RetryPolicy: Sendable {
    /// Attempts per call, the first included (`AWS_MAX_ATTEMPTS`, default 3).
    public var maxAttempts: Int
    /// The longest single wait, in milliseconds.
    public var maxBackoffMs: Int
    /// The base of the exponential backoff, in milliseconds.
    public var baseMs: Int
    /// `standard`, or `adaptive` (standard plus the client-side rate limiter, `AdaptiveRateLimiter`).
    public var mode: Mode = .standard

    public init(maxAttempts: Int = 3, maxBackoffMs: Int = 20_000, baseMs: Int = 1_000) {
        self.maxAttempts = maxAttempts
        self.maxBackoffMs = maxBackoffMs
        self.baseMs = baseMs
    }

    /// The policy the environment asks for.
    public static func from(_ env: ProcessEnvironment) -> RetryPolicy {
        var p = RetryPolicy()
        if let n = env["AWS_MAX_ATTEMPTS"].flatMap(Int.init), n >= 1 { p.maxAttempts = n }
        if env["AWS_RETRY_MODE"]?.lowercased() == "adaptive" { p.mode = .adaptive }
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

    /// Whether an error is worth retrying. `LimitExceededException` is a real quota error for Secrets Manager: not retried.
    public func isRetryable(_ error: AWSError) -> Bool {
        switch error.kind {
        case .transport: return true
        case .service(let code, let status):
            return Self.throttlingCodes.contains(code) || Self.transientCodes.contains(code)
                || [500, 502, 503, 504].contains(status) || status == 429
        default: return false
        }
    }

    /// Full-jitter exponential backoff before attempt `attempt + 1` (attempt counts from 1).
    public func backoffMs(afterAttempt attempt: Int) -> Int {
        let exp = min(maxBackoffMs, baseMs << min(attempt - 1, 20))
        return Int(SecureRandom.uniform(UInt64(exp) + 1))
    }
}
