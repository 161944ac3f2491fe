import AWSHTTP
import AWSSigV4

/// One AWS call the run's way: built (and signed) afresh for each attempt at the corrected clock,
/// retried on transient failures, rate-limited in adaptive mode, and never past the deadline.
///
/// Used by the credential providers and STS; `AWSJSONClient` applies the same rules to parallel calls.
public struct AWSTransport {
    public var http: HTTPClient
    public var retry: RetryPolicy
    public var deadlineMs: Int
    public var log: Logger
    /// A connect timeout shorter than the client's (IMDS: 1 s).
    public var connectTimeoutMs: Int?
    /// The longest one attempt may take (IMDS: 1 s; else the client's own limit).
    public var attemptTimeoutMs: Int?

    public init(http: HTTPClient, retry: RetryPolicy, deadlineMs: Int, log: Logger,
                connectTimeoutMs: Int? = nil, attemptTimeoutMs: Int? = nil) {
        self.http = http
        self.retry = retry
        self.deadlineMs = deadlineMs
        self.log = log
        self.connectTimeoutMs = connectTimeoutMs
        self.attemptTimeoutMs = attemptTimeoutMs
    }

    /// A transport for a credential provider: its own HTTP client (`AWS_CA_BUNDLE` honoured), the context's deadline.
    public static func forCredentials(_ context: CredentialContext, retry: RetryPolicy = RetryPolicy(),
                                      connectTimeoutMs: Int? = nil, attemptTimeoutMs: Int? = nil) -> AWSTransport {
        AWSTransport(http: HTTPClient(options: HTTPOptions(caBundle: context.env["AWS_CA_BUNDLE"])), retry: retry,
                     deadlineMs: Clock.monotonicMs() + context.remainingMs, log: context.log,
                     connectTimeoutMs: connectTimeoutMs, attemptTimeoutMs: attemptTimeoutMs)
    }

    /// Sends the request `build` makes (given the signing time) until it gets a 2xx answer, a final error,
    /// or runs out of attempts or time. `what` names the call in messages, e.g. "sts:AssumeRole to https://...".
    public func send(_ what: String, operation: String, build: (AmzDate) -> HTTPRequest) throws(AWSError) -> HTTPResponse {
        var attempt = 1
        while true {
            let left = deadlineMs - Clock.monotonicMs()
            guard left > 0 else {
                throw AWSError(.transport, "\(what) gave up: the deadline passed", hint: "raise --timeout, or check the network",
                               operation: operation)
            }
            if retry.mode == .adaptive {
                AdaptiveRateLimiter.shared.acquire(deadline: Double(deadlineMs) / 1000)
            }
            var request = build(ClockSkew.now())
            request.timeoutMs = min(left, attemptTimeoutMs ?? .max)
            request.connectTimeoutMs = connectTimeoutMs
            let outcome = Self.interpret(http.send(request), what: what, operation: operation)
            var skewed = false
            switch outcome {
            case .success(let r):
                if retry.mode == .adaptive { AdaptiveRateLimiter.shared.update(throttled: false) }
                return r
            case .failure(let failure):
                let e = failure.error, date = failure.date
                if retry.mode == .adaptive { AdaptiveRateLimiter.shared.update(throttled: retry.isThrottling(e)) }
                if let code = e.code, ClockSkew.correct(code: code, serverDate: date) {
                    log.debug("\(what): clock skew corrected by \(ClockSkew.offsetSeconds) s; re-signing")
                    skewed = true
                }
                log.debug("\(what) failed: \(e.code ?? "transport"): \(e.message) (attempt \(attempt))")
                guard (skewed || retry.isRetryable(e)) && attempt < retry.maxAttempts else { throw e }
                let wait = skewed ? 0 : retry.backoffMs(afterAttempt: attempt)
                if Clock.monotonicMs() + wait >= deadlineMs { throw e }
                Clock.sleep(ms: wait)
            }
            attempt += 1
        }
    }

    /// A 2xx answer, or the error it means with the server's `Date` header (for clock skew).
    static func interpret(_ answer: Result<HTTPResponse, HTTPError>, what: String,
                          operation: String) -> Result<HTTPResponse, ErrorWithDate> {
        switch answer {
        case .failure(let e):
            let how = e.kind == .timeout ? "timed out" : "failed"
            let kind: AWSError.Kind = e.kind == .unavailable ? .configuration : .transport
            return .failure(ErrorWithDate(AWSError(kind, "\(what) \(how): \(e.message)", hint: "check the network and the endpoint",
                                                   operation: operation), nil))
        case .success(let r) where (200..<300).contains(r.status):
            return .success(r)
        case .success(let r):
            let (code, message) = ErrorDecoding.decode(status: r.status, headers: r.headers, body: r.body)
            return .failure(ErrorWithDate(AWSError(.service(code: code, status: r.status), message, operation: operation),
                                          r.header("date")))
        }
    }

    /// An error and the answer's `Date` header.
    struct ErrorWithDate: Error {
        var error: AWSError
        var date: String?
        init(_ error: AWSError, _ date: String?) { self.error = error; self.date = date }
    }
}

/// Builds a SigV4-signed `HTTPRequest`.
public enum SignedRequest {
    /// The request with Host, the given headers, X-Amz-Date (and the session token) and Authorization.
    public static func make(method: String, endpoint: Endpoint, query: String = "", headers: [(name: String, value: String)],
                            body: [UInt8], credentials: Credentials, region: String, service: String, date: AmzDate) -> HTTPRequest {
        let unsigned = SignableRequest(method: method, path: endpoint.url.path, query: query,
                                       headers: [(name: "Host", value: endpoint.url.hostHeader)] + headers, body: body)
        var signed = SigV4.sign(unsigned, credentials: credentials.signing, region: region, service: service, date: date)
        signed.headers.append((name: "User-Agent", value: "lwexec/\(LwexecVersion.string)"))
        return HTTPRequest(method: method, url: endpoint.requestURL + (query.isEmpty ? "" : "?" + query),
                           headers: signed.headers, body: body)
    }
}

extension Endpoint {
    /// The URL to send to: the endpoint with its path (`/` spelled out).
    public var requestURL: String { url.description + (url.path == "/" ? "/" : "") }
}
