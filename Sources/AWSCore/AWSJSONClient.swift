import AWSHTTP

/// A signed client for an AWS JSON 1.1 service: `POST /` with `X-Amz-Target`, retries, a deadline.
///
/// Calls made together with `callAll` travel in parallel; each retries on its own, so a
/// throttled batch does not hold up its siblings' answers longer than its own backoff.
public final class AWSJSONClient {
    public let service: ServiceDescriptor
    public let targetPrefix: String
    public let endpoint: Endpoint
    public let region: String
    public let credentials: Credentials
    public let retry: RetryPolicy
    public let log: Logger
    /// The monotonic time (ms) after which no new attempt starts.
    public let deadlineMs: Int
    private let http: HTTPClient
    /// Sequential round trips made so far (parallel requests count once), for `-v` and benchmarks.
    public private(set) var roundTrips = 0

    public init(service: ServiceDescriptor, targetPrefix: String, endpoint: Endpoint, region: String,
                credentials: Credentials, http: HTTPClient, retry: RetryPolicy, log: Logger, deadlineMs: Int) {
        self.service = service
        self.targetPrefix = targetPrefix
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.http = http
        self.retry = retry
        self.log = log
        self.deadlineMs = deadlineMs
    }

    /// One call: operation name and JSON input.
    public struct Call: Sendable {
        public var operation: String
        public var input: JSONValue
        public init(_ operation: String, _ input: JSONValue) {
            self.operation = operation
            self.input = input
        }
    }

    /// Calls one operation and returns its JSON answer.
    public func call(_ operation: String, _ input: JSONValue) throws(AWSError) -> JSONValue {
        try callAll([Call(operation, input)])[0].get()
    }

    /// Calls every operation at once; answers come back in the order asked.
    public func callAll(_ calls: [Call]) -> [Result<JSONValue, AWSError>] {
        var results = [Result<JSONValue, AWSError>?](repeating: nil, count: calls.count)
        var pending = Array(calls.indices)
        var attempt = 1
        while !pending.isEmpty {
            let started = Clock.monotonicMs()
            if started >= deadlineMs {
                for i in pending where results[i] == nil { results[i] = .failure(deadlinePassed(calls[i].operation)) }
                break
            }
            if retry.mode == .adaptive {
                for _ in pending { AdaptiveRateLimiter.shared.acquire(deadline: Double(deadlineMs) / 1000) }
            }
            let answers = http.sendAll(pending.map { request(for: calls[$0]) })
            roundTrips += 1
            let elapsed = Clock.monotonicMs() - started
            var again: [Int] = [], skewed = false
            for (i, answer) in zip(pending, answers) {
                let outcome = interpret(answer, operation: calls[i].operation)
                switch outcome {
                case .success:
                    log.debug("\(calls[i].operation) ok (\(elapsed) ms)")
                    if retry.mode == .adaptive { AdaptiveRateLimiter.shared.update(throttled: false) }
                case .failure(let e):
                    log.debug("\(calls[i].operation) failed: \(e.code ?? "transport"): \(e.message) (\(elapsed) ms, attempt \(attempt))")
                    if retry.mode == .adaptive { AdaptiveRateLimiter.shared.update(throttled: retry.isThrottling(e)) }
                    // A signature refused for clock skew: learn the server's time and re-sign at once.
                    let skew = e.code.map { ClockSkew.correct(code: $0, serverDate: answer.serverDate) } ?? false
                    if skew { log.debug("clock skew: correcting by \(ClockSkew.offsetSeconds) s and re-signing") }
                    skewed = skewed || skew
                    if retry.isRetryable(e) && attempt < retry.maxAttempts { again.append(i) }
                }
                results[i] = outcome
            }
            if skewed && attempt < retry.maxAttempts {
                // Every call of the round signed with the old clock goes again.
                for i in pending where !again.contains(i) {
                    if case .failure(let e) = results[i]!, ClockSkew.skewCodes.contains(e.code ?? "") { again.append(i) }
                }
                again.sort()
            }
            if again.isEmpty { break }
            let wait = skewed ? 0 : retry.backoffMs(afterAttempt: attempt)
            if Clock.monotonicMs() + wait >= deadlineMs { break }
            log.debug("retrying \(again.count) call(s) in \(wait) ms")
            Clock.sleep(ms: wait)
            pending = again
            attempt += 1
        }
        return results.map { $0! }
    }

    /// Builds and signs the HTTP request for one call.
    func request(for call: Call) -> HTTPRequest {
        var request = SignedRequest.make(method: "POST", endpoint: endpoint, headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "X-Amz-Target", value: "\(targetPrefix).\(call.operation)"),
        ], body: Array(JSON.serialize(call.input).utf8), credentials: credentials, region: region,
           service: service.signingName, date: ClockSkew.now())
        // No single request may outlive the run's deadline.
        request.timeoutMs = max(1, deadlineMs - Clock.monotonicMs())
        return request
    }

    /// The error of a call that could not start because the deadline had passed.
    func deadlinePassed(_ operation: String) -> AWSError {
        AWSError(.transport, "\(operation) to \(endpoint.url) gave up: the deadline passed",
                 hint: "raise --timeout, or check the network and the endpoint (\(endpoint.source))", operation: operation)
    }

    /// Maps an HTTP outcome to a JSON answer or an `AWSError`.
    func interpret(_ answer: Result<HTTPResponse, HTTPError>, operation: String) -> Result<JSONValue, AWSError> {
        switch answer {
        case .failure(let e):
            let what = e.kind == .timeout ? "timed out" : "failed"
            let kind: AWSError.Kind = e.kind == .unavailable ? .configuration : .transport
            return .failure(AWSError(kind, "\(operation) to \(endpoint.url) \(what): \(e.message)",
                                     hint: "check the network and the endpoint (\(endpoint.source))", operation: operation))
        case .success(let r) where (200..<300).contains(r.status):
            do {
                return .success(try JSON.parse(r.body))
            } catch {
                return .failure(AWSError(.malformedResponse, "\(operation) answered with unreadable JSON (\(error))",
                                         hint: "check that \(endpoint.url) is a \(service.signingName) endpoint", operation: operation))
            }
        case .success(let r):
            let (code, message) = ErrorDecoding.decode(status: r.status, headers: r.headers, body: r.body)
            return .failure(AWSError(.service(code: code, status: r.status), message, operation: operation))
        }
    }
}

extension Result where Success == HTTPResponse {
    /// The answer's `Date` header, for clock-skew correction.
    var serverDate: String? {
        if case .success(let r) = self { return r.header("date") }
        return nil
    }
}
