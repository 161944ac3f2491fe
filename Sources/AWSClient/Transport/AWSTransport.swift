import AWSHTTP
import AWSSigV4

/// One AWS call at a time through the run's `RetryDriver`: used by the credential providers, STS and IMDS.
/// (`AWSJSONClient` sends its parallel calls through the same driver.)
public struct AWSTransport {
    public var http: HTTPClient
    public var driver: RetryDriver
    public var deadline: Deadline
    /// A connect timeout shorter than the client's (IMDS: 1 s).
    public var connectTimeoutMs: Int?
    /// The longest one attempt may take (IMDS: 1 s; else the client's own limit).
    public var attemptTimeoutMs: Int?

    public init(http: HTTPClient, retry: RetryPolicy, deadline: Deadline, log: Logger,
                connectTimeoutMs: Int? = nil, attemptTimeoutMs: Int? = nil) {
        self.http = http
        self.driver = RetryDriver(policy: retry, log: log)
        self.deadline = deadline
        self.connectTimeoutMs = connectTimeoutMs
        self.attemptTimeoutMs = attemptTimeoutMs
    }

    /// A transport for a credential provider: its own HTTP client (`AWS_CA_BUNDLE` honoured), the context's deadline.
    /// `direct`: never through a proxy (the container and instance-metadata endpoints, whose tokens and
    /// answers must not leave the host's own network path).
    public static func forCredentials(_ context: CredentialContext, retry: RetryPolicy = RetryPolicy(),
                                      connectTimeoutMs: Int? = nil, attemptTimeoutMs: Int? = nil,
                                      direct: Bool = false) -> AWSTransport {
        AWSTransport(http: HTTPClient(options: HTTPOptions(caBundle: context.caBundle, proxyFromEnvironment: !direct)), retry: retry,
                     deadline: .after(ms: context.remainingMs), log: context.log,
                     connectTimeoutMs: connectTimeoutMs, attemptTimeoutMs: attemptTimeoutMs)
    }

    /// Sends the request `build` makes (given the signing time) until it gets a 2xx answer, a final error,
    /// or runs out of attempts or time. `what` names the call in messages, e.g. "sts:AssumeRole to https://...".
    public func send(_ what: String, operation: String, build: @escaping (AmzDate) -> HTTPRequest) throws(AWSError) -> HTTPResponse {
        let request = RetryDriver.Request(label: what, operation: operation, connectTimeoutMs: connectTimeoutMs,
                                          attemptTimeoutMs: attemptTimeoutMs, build: build)
        return try driver.send([request], over: http, until: deadline)[0].get()
    }
}

/// Builds a SigV4-signed `HTTPRequest`.
public enum SignedRequest {
    /// The request with Host, the given headers, X-Amz-Date (and the session token) and Authorization.
    /// `unsignedHeaders` are added after signing: `X-Amzn-Trace-Id`, like `User-Agent`, is never signed
    /// by the SDKs (Lambda and X-Ray may rewrite it on the way).
    public static func make(method: String, endpoint: Endpoint, query: String = "", headers: [(name: String, value: String)],
                            unsignedHeaders: [(name: String, value: String)] = [],
                            body: [UInt8], credentials: Credentials, region: String, service: String, date: AmzDate) -> HTTPRequest {
        let unsigned = SignableRequest(method: method, path: endpoint.url.path, query: query,
                                       headers: [(name: "Host", value: endpoint.url.hostHeader)] + headers, body: body)
        var signed = SigV4.sign(unsigned, credentials: credentials.signing, region: region, service: service, date: date)
        signed.headers.append((name: "User-Agent", value: "lwexec/\(LwexecVersion.string)"))
        signed.headers += unsignedHeaders
        return HTTPRequest(method: method, url: endpoint.requestURL + (query.isEmpty ? "" : "?" + query),
                           headers: signed.headers, body: body)
    }
}

extension Endpoint {
    /// The URL to send to: the endpoint with its path (`/` spelled out).
    public var requestURL: String { url.description + (url.path == "/" ? "/" : "") }
}
