import AWSSigV4

/// The offset between this machine's clock and AWS's, learned from a signature-expired answer.
///
/// SigV4 rejects requests signed more than 5 minutes away from the server's time; when that
/// happens the server's `Date` header gives the correction, which every later request of the
/// client uses. One per `RetryDriver` (as the SDKs keep it per client), driven from one thread.
public final class ClockSkew {
    private var offset = 0

    public init() {}

    /// Seconds to add to the local clock (0 until a correction was learned).
    public var offsetSeconds: Int { offset }

    /// The time to sign with: the local clock plus the learned offset.
    public func now() -> AmzDate { AmzDate(epochSeconds: Clock.epochSeconds() + offset) }

    /// Error codes that mean "your request's time is too far from mine".
    public static let skewCodes: Set<String> = [
        "InvalidSignatureException", "RequestTimeTooSkewed", "RequestExpired", "SignatureDoesNotMatch",
        "RequestInTheFuture", "AuthFailure",
    ]

    /// Learns the offset from an error answer when its code is a skew code and its `Date` header is
    /// more than 5 minutes from the time we signed with; true when the request should be re-signed and retried.
    public func correct(code: String, serverDate: String?) -> Bool {
        guard Self.skewCodes.contains(code), let text = serverDate, let server = Timestamps.parseHTTPDate(text) else { return false }
        let local = Clock.epochSeconds()
        guard abs(server - (local + offset)) > 300 else { return false }
        offset = server - local
        return true
    }

}
