import AWSHTTP
import AWSSigV4

/// The one retry loop of every AWS call lwexec makes: one request or many in parallel, each built
/// (and signed) afresh for every attempt at the corrected clock, retried on throttling, transient
/// failures and clock skew, paced by the adaptive rate limiter, paid for from the retry quota, and
/// never started or waited for past the operation's deadline.
///
/// One per client: its limiter and quota learn from every call the client makes.
/// Not thread-safe: driven from one thread, like `HTTPClient`.
public final class RetryDriver {
    public let policy: RetryPolicy
    public let log: Logger
    /// Whether the adaptive mode's client-side rate limiters are on.
    public let adaptive: Bool
    /// One limiter per operation, made on first use: Secrets Manager's quotas are per API, so a
    /// throttled `BatchGetSecretValue` (100 requests/s) must not slow `GetSecretValue` (10,000).
    private var limiters: [String: AdaptiveRateLimiter] = [:]
    /// The standard mode's retry quota; nil when the policy uses none (a launch).
    public let quota: RetryQuota?
    /// Sequential round trips so far (parallel requests count once), for `-v` and benchmarks.
    public private(set) var roundTrips = 0
    /// The transient "waiting for ..." line on a terminal.
    let progress: ProgressLine
    /// The learned offset to AWS's clock: requests are signed at `clock.now()`.
    public let clock = ClockSkew()

    /// An attempt is not started with less time than this left: it could not get an answer.
    public static let minimumAttemptMs = 100

    public init(policy: RetryPolicy, log: Logger) {
        self.policy = policy
        self.log = log
        self.adaptive = policy.mode == .adaptive
        self.quota = policy.usesQuota ? RetryQuota() : nil
        self.progress = ProgressLine(log: log)
    }

    /// The rate limiter of `operation`; nil in standard mode.
    public func limiter(for operation: String) -> AdaptiveRateLimiter? {
        guard adaptive else { return nil }
        if let l = limiters[operation] { return l }
        let l = AdaptiveRateLimiter()
        limiters[operation] = l
        return l
    }

    /// One request to send until it gets a final answer.
    public struct Request {
        /// What is called, for messages: "ListSecrets to https://...".
        public var label: String
        /// The operation name (`AWSError.operation`).
        public var operation: String
        /// What to do when no answer comes back at all.
        public var transportHint: String
        /// A connect timeout shorter than the client's (IMDS: 1 s).
        public var connectTimeoutMs: Int?
        /// The longest one attempt may take (IMDS: 1 s; else up to the deadline).
        public var attemptTimeoutMs: Int?
        /// Builds the request for the given signing time.
        public var build: (AmzDate) -> HTTPRequest

        public init(label: String, operation: String, transportHint: String = "check the network and the endpoint",
                    connectTimeoutMs: Int? = nil, attemptTimeoutMs: Int? = nil, build: @escaping (AmzDate) -> HTTPRequest) {
            self.label = label
            self.operation = operation
            self.transportHint = transportHint
            self.connectTimeoutMs = connectTimeoutMs
            self.attemptTimeoutMs = attemptTimeoutMs
            self.build = build
        }
    }

    /// Sends every request at once and retries each failed one on its own until it gets a 2xx answer,
    /// a final error, runs out of attempts or quota, or the deadline leaves no time for another attempt.
    /// Answers come back in the order asked.
    public func send(_ requests: [Request], over http: HTTPClient, until deadline: Deadline) -> [Result<HTTPResponse, AWSError>] {
        var results = [Result<HTTPResponse, AWSError>?](repeating: nil, count: requests.count)
        var paid = [Int?](repeating: nil, count: requests.count)
        var pending = Array(requests.indices)
        var attempt = 1
        let started = Clock.monotonicMs()
        defer { progress.clear() }
        let what = Set(requests.map(\.operation)).sorted().joined(separator: ", ")
        while !pending.isEmpty {
            // The limiter's answer is obeyed: a token, or no attempt (it would have to wait past the deadline).
            if let refused = pending.first(where: { limiter(for: requests[$0].operation)?.acquire(deadline: deadline.seconds) == false }) {
                let op = requests[refused].operation
                log.debug("rate limiter for \(op): no send token before the deadline")
                for i in pending { results[i] = .failure(rateLimited(requests[i], last: results[i], attempts: attempt - 1, since: started)) }
                break
            }
            let left = deadline.remainingMs
            guard left > 0 else {
                for i in pending { results[i] = .failure(gaveUp(requests[i], last: results[i], attempts: attempt - 1, since: started)) }
                break
            }
            let answers = http.sendAll(pending.map { i in
                var r = requests[i].build(clock.now())
                r.timeoutMs = min(left, requests[i].attemptTimeoutMs ?? .max)
                r.connectTimeoutMs = requests[i].connectTimeoutMs
                return r
            }, onTick: { [progress] in
                let waited = Clock.monotonicMs() - started
                if waited >= ProgressLine.delayMs { progress.show("waiting for \(what) (\(waited / 1000) s)…") }
            })
            roundTrips += 1
            let elapsed = Clock.monotonicMs() - started
            var again: [Int] = [], skewed = false
            for (i, answer) in zip(pending, answers) {
                switch Self.interpret(answer, requests[i]) {
                case .success(let response):
                    log.debug("\(requests[i].operation) ok (\(elapsed) ms)")
                    limiter(for: requests[i].operation)?.update(throttled: false)
                    quota?.release(paid: paid[i])
                    results[i] = .success(response)
                case .failure(let failure):
                    let e = failure.error
                    log.debug("\(requests[i].label) failed: \(e.code ?? "transport"): \(e.message) (\(elapsed) ms, attempt \(attempt))")
                    limiter(for: requests[i].operation)?.update(throttled: RetryPolicy.isThrottling(e))
                    // A signature refused for clock skew: learn the server's time and re-sign at once.
                    let skew = e.code.map { clock.correct(code: $0, serverDate: failure.serverDate) } ?? false
                    if skew { log.debug("clock skew: correcting by \(clock.offsetSeconds) s and re-signing") }
                    skewed = skewed || skew
                    results[i] = .failure(e)
                    let cap = e.kind == .transport ? policy.maxAttemptsWithoutAnswer : policy.maxAttempts
                    guard (skew || RetryPolicy.isRetryable(e)) && attempt < cap else { continue }
                    if let quota {
                        guard let cost = quota.acquire(after: e) else {
                            log.debug("retry quota exhausted: \(requests[i].operation) not retried")
                            continue
                        }
                        paid[i] = cost
                    }
                    again.append(i)
                }
            }
            if skewed && attempt < policy.maxAttempts {
                // Every call of the round signed with the old clock goes again.
                for i in pending where !again.contains(i) {
                    if case .failure(let e)? = results[i], ClockSkew.skewCodes.contains(e.code ?? "") { again.append(i) }
                }
                again.sort()
            }
            if again.isEmpty { break }
            // Full jitter, shortened to leave room for one more attempt; no time for one: give up now.
            let room = deadline.remainingMs - Self.minimumAttemptMs
            guard room > 0 else {
                for i in again { results[i] = .failure(gaveUp(requests[i], last: results[i], attempts: attempt, since: started)) }
                break
            }
            let wait = skewed ? 0 : min(policy.backoffMs(afterAttempt: attempt), room)
            log.debug("retrying \(again.count) call(s) in \(wait) ms")
            if Clock.monotonicMs() + wait - started >= ProgressLine.delayMs {
                let why = again.contains { if case .failure(let e)? = results[$0] { return RetryPolicy.isThrottling(e) }; return false }
                    ? "throttled by AWS" : "no answer yet"
                progress.show("\(why); retrying \(again.count) call\(again.count == 1 ? "" : "s") (attempt \(attempt + 1))…")
            }
            Clock.sleep(ms: wait)
            pending = again
            attempt += 1
        }
        return results.map { $0 ?? .failure(AWSError(.transport, "no attempt was made")) }
    }

    /// The error for a call that ran out of time: the last error it got (kind and code kept, so a
    /// throttled run still counts as "AWS unavailable"), saying that the deadline ended the retries.
    func gaveUp(_ request: Request, last: Result<HTTPResponse, AWSError>?, attempts: Int, since started: Int) -> AWSError {
        let seconds = Double((Clock.monotonicMs() - started) / 100) / 10
        guard case .failure(var e)? = last else {
            return AWSError(.transport, "\(request.label) gave up: the deadline passed",
                            hint: "raise --timeout, or \(request.transportHint)", operation: request.operation)
        }
        // Name what was called, where (endpoint, region), unless the message already does.
        let call = e.message.hasPrefix(request.label) ? "" : "\(request.label): "
        e.message += " (\(call)gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") in \(seconds) s: the deadline passed)"
        if e.hint == nil { e.hint = "raise --timeout, or try again later" }
        return e
    }

    /// The error for a call the adaptive rate limiter held back until the deadline: the service had
    /// throttled this operation, and lwexec slowed itself down as the SDKs' adaptive mode does.
    func rateLimited(_ request: Request, last: Result<HTTPResponse, AWSError>?, attempts: Int, since started: Int) -> AWSError {
        let seconds = Double((Clock.monotonicMs() - started) / 100) / 10
        var e = AWSError(.service(code: "ThrottlingException", status: 429),
                         "\(request.label): the service throttled \(request.operation), and lwexec's rate limiter for it had no slot before the deadline "
                         + "(\(attempts) attempt\(attempts == 1 ? "" : "s") in \(seconds) s)",
                         hint: "raise --timeout, or AWS_RETRY_MODE=standard to retry without the client-side rate limiter",
                         operation: request.operation)
        if case .failure(let last)? = last, last.code != nil, last.code != "ThrottlingException" { e.message += "; last error: \(last.message)" }
        return e
    }

    /// A 2xx answer, or the error it means with the server's `Date` header (for clock skew).
    /// The one mapping of an HTTP outcome to an `AWSError`.
    static func interpret(_ answer: Result<HTTPResponse, HTTPError>, _ request: Request) -> Result<HTTPResponse, Failure> {
        switch answer {
        case .failure(let e):
            let kind: AWSError.Kind
            let how: String
            switch e.kind {
            case .unavailable: (kind, how) = (.configuration, "failed")
            case .tooLarge: (kind, how) = (.malformedResponse, "was refused")
            case .unsafeRequest: (kind, how) = (.configuration, "was not sent")
            case .timeout: (kind, how) = (.transport, "timed out")
            case .transport: (kind, how) = (.transport, "failed")
            }
            return .failure(Failure(error: AWSError(kind, "\(request.label) \(how): \(e.message)", hint: request.transportHint,
                                                    operation: request.operation), serverDate: nil))
        case .success(let r) where (200..<300).contains(r.status):
            return .success(r)
        case .success(let r):
            let (code, message) = ErrorDecoding.decode(status: r.status, headers: r.headers, body: r.body)
            return .failure(Failure(error: AWSError(.service(code: code, status: r.status), message, operation: request.operation),
                                    serverDate: r.header("date")))
        }
    }

    /// An error and the answer's `Date` header.
    struct Failure: Error {
        var error: AWSError
        var serverDate: String?
    }
}
