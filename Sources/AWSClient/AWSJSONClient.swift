import AWSHTTP
import AWSSigV4

/// A signed client for an AWS JSON 1.1 service: `POST /` with `X-Amz-Target`, sent through one
/// `RetryDriver`, within the deadline of the operation in progress.
///
/// Calls made together with `callAll` travel in parallel; each retries on its own, so a
/// throttled batch does not hold up its siblings' answers longer than its own backoff.
public final class AWSJSONClient {
    public let service: ServiceDescriptor
    public let targetPrefix: String
    public let endpoint: Endpoint
    public let region: String
    public let credentials: Credentials
    public let driver: RetryDriver
    public let log: Logger
    /// The deadline of the operation in progress (a resolution, a poll, a command): no attempt starts after it.
    /// Whoever starts an operation on a client it keeps sets a new one.
    public var deadline: Deadline
    /// Headers every request carries unsigned (the Lambda recursion-detection header).
    public var extraHeaders: [(name: String, value: String)] = []
    private let http: HTTPClient

    /// Sequential round trips made so far (parallel requests count once), for `-v` and benchmarks.
    public var roundTrips: Int { driver.roundTrips }

    public init(service: ServiceDescriptor, targetPrefix: String, endpoint: Endpoint, region: String,
                credentials: Credentials, http: HTTPClient, retry: RetryPolicy, log: Logger, deadline: Deadline) {
        self.service = service
        self.targetPrefix = targetPrefix
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.http = http
        self.driver = RetryDriver(policy: retry, log: log)
        self.log = log
        self.deadline = deadline
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
        let requests = calls.map { call in
            RetryDriver.Request(label: "\(call.operation) to \(endpoint.url) in \(region)", operation: call.operation,
                                transportHint: "check the network and the endpoint (\(endpoint.source))") { [self] date in
                request(for: call, date: date)
            }
        }
        return zip(calls, driver.send(requests, over: http, until: deadline)).map { call, answer in
            answer.flatMap { parse($0, operation: call.operation) }
        }
    }

    /// Builds and signs the HTTP request for one call.
    func request(for call: Call, date: AmzDate) -> HTTPRequest {
        SignedRequest.make(method: "POST", endpoint: endpoint, headers: [
            (name: "Content-Type", value: "application/x-amz-json-1.1"),
            (name: "X-Amz-Target", value: "\(targetPrefix).\(call.operation)"),
        ], unsignedHeaders: extraHeaders, body: Array(JSON.serialize(call.input).utf8), credentials: credentials, region: region,
           service: service.signingName, date: date)
    }

    /// A 2xx answer's JSON, or a malformed-answer error naming the call.
    func parse(_ r: HTTPResponse, operation: String) -> Result<JSONValue, AWSError> {
        do {
            return .success(try JSON.parse(r.body))
        } catch {
            return .failure(AWSError(.malformedResponse, "\(operation) answered with unreadable JSON (\(error))",
                                     hint: "check that \(endpoint.url) is a \(service.signingName) endpoint", operation: operation))
        }
    }
}
