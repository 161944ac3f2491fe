import AWSHTTP

/// The EC2 instance metadata service, version 2: a session token (`PUT /latest/api/token`), then
/// `GET`s with it; falls back to version 1 when the token call is not supported (404/405).
///
/// Short timeouts (1 s to connect, 1 s per attempt, one retry) keep lwexec from hanging off EC2.
public struct IMDSClient {
    public let endpoint: String
    let transport: AWSTransport
    /// The token, once fetched (nil: IMDSv1).
    private var token: String??
    /// No fallback to IMDSv1 without a token (`IMDSSettings.v1Disabled`).
    let v1Disabled: Bool

    init(_ settings: IMDSSettings, _ context: CredentialContext) {
        endpoint = settings.endpoint
        v1Disabled = settings.v1Disabled
        var retry = RetryPolicy(maxAttempts: 2, maxBackoffMs: 200, baseMs: 100)
        retry.mode = .standard
        transport = .forCredentials(context, retry: retry, connectTimeoutMs: 1000, attemptTimeoutMs: 1000, direct: true)
    }

    /// The text at `path` (e.g. `/latest/meta-data/placement/region`); nil on 404.
    public mutating func get(_ path: String) throws(AWSError) -> String? {
        let token = try sessionToken()
        var headers = [(name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")]
        if let token { headers.append((name: "X-aws-ec2-metadata-token", value: token)) }
        let url = endpoint + path
        do {
            let r = try transport.send("IMDS GET \(path) at \(endpoint)", operation: "IMDS") { _ in
                HTTPRequest(method: "GET", url: url, headers: headers)
            }
            return String(decoding: r.body, as: UTF8.self)
        } catch {
            if case .service(_, 404) = error.kind { return nil }
            throw unreachable(error)
        }
    }

    /// The IMDSv2 session token; nil when only IMDSv1 answers.
    mutating func sessionToken() throws(AWSError) -> String? {
        if let t = token { return t }
        let url = endpoint + "/latest/api/token"
        do {
            let r = try transport.send("IMDS token at \(endpoint)", operation: "IMDS") { _ in
                HTTPRequest(method: "PUT", url: url,
                            headers: [(name: "X-aws-ec2-metadata-token-ttl-seconds", value: "21600"),
                                      (name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")])
            }
            token = .some(String(decoding: r.body, as: UTF8.self))
        } catch {
            guard case .service(_, let status) = error.kind, status == 404 || status == 405 else { throw unreachable(error) }
            if v1Disabled {
                throw AWSError(.noCredentials, "IMDS at \(endpoint) issued no session token (HTTP \(status)) and IMDSv1 is disabled "
                               + "(AWS_EC2_METADATA_V1_DISABLED or ec2_metadata_v1_disabled)")
            }
            token = .some(nil)
        }
        // The token goes back in a header: a control character in it is a hostile or broken answer.
        if let issued = token ?? nil, let c = HeaderSafety.firstControl(in: issued) {
            throw AWSError(.malformedResponse, "IMDS at \(endpoint) issued a session token with a control character (\(c)); nothing more was sent",
                           hint: "check AWS_EC2_METADATA_SERVICE_ENDPOINT")
        }
        return token!
    }

    /// A failure to reach IMDS: not an error of the chain, which goes on and reports it.
    func unreachable(_ e: AWSError) -> AWSError {
        if case .service(let code, let status) = e.kind {
            return AWSError(.noCredentials, "IMDS at \(endpoint) answered \(status) (\(code))",
                            hint: "check the instance's metadata options (IMDSv2, hop limit)")
        }
        return AWSError(.noCredentials, "IMDS at \(endpoint) is unreachable (\(e.message))",
                        hint: "off EC2, set AWS_EC2_METADATA_DISABLED=true and configure credentials")
    }
}

/// The region from IMDS (`/latest/meta-data/placement/region`), when nothing else names one.
public enum IMDSRegion {
    public static func lookup(_ context: CredentialContext) -> String? {
        guard let settings = try? IMDSSettings(context) else { return nil }
        var client = IMDSClient(settings, context)
        guard let r = try? client.get("/latest/meta-data/placement/region") else { return nil }
        let region = r.trimmingWhitespace()
        return Partition.isValidRegion(region) ? region : nil
    }
}
