import AWSHTTP
import AWSSigV4

/// The three STS operations lwexec uses, over the Query protocol (form POST, XML answers):
/// `AssumeRole` (signed by the source credentials), `AssumeRoleWithWebIdentity` (unsigned)
/// and `GetCallerIdentity` (for `whoami`).
public struct STSClient {
    public let endpoint: Endpoint
    public let region: String
    let transport: AWSTransport
    /// The Lambda recursion-detection header, when inside a traced function.
    let traceHeader: (name: String, value: String)?
    static let version = "2011-06-15"

    /// An STS client in the run's region (else the profile's, else us-east-1), at `AWS_ENDPOINT_URL_STS` or the regional endpoint.
    public init(_ context: CredentialContext, transport: AWSTransport? = nil) throws(AWSError) {
        let region = context.region
            ?? (try? RegionResolver.resolve(flag: nil, context: context).region)
            ?? "us-east-1"
        self.region = region
        endpoint = try Endpoint.resolve(.sts, flag: nil, region: region, context: context)
        self.transport = transport ?? .forCredentials(context)
        traceHeader = RecursionDetection.header(context.env)
    }

    /// The parameters of `AssumeRole`.
    public struct AssumeRoleInput: Sendable {
        public var roleARN: String
        public var sessionName: String
        public var externalID: String?
        public var durationSeconds: Int?
        public var mfaSerial: String?
        public var mfaCode: String?

        public init(roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
                    mfaSerial: String? = nil, mfaCode: String? = nil) {
            self.roleARN = roleARN
            self.sessionName = sessionName
            self.externalID = externalID
            self.durationSeconds = durationSeconds
            self.mfaSerial = mfaSerial
            self.mfaCode = mfaCode
        }
    }

    /// Temporary credentials for `input.roleARN`, signed with `source`.
    public func assumeRole(_ input: AssumeRoleInput, source: Credentials, label: String) throws(AWSError) -> Credentials {
        var params = [("RoleArn", input.roleARN), ("RoleSessionName", input.sessionName)]
        if let d = input.durationSeconds { params.append(("DurationSeconds", String(d))) }
        if let x = input.externalID { params.append(("ExternalId", x)) }
        if let s = input.mfaSerial, let c = input.mfaCode { params += [("SerialNumber", s), ("TokenCode", c)] }
        let xml = try call("AssumeRole", params, signedWith: source, subject: input.roleARN)
        return try Self.credentials(from: xml, operation: "AssumeRole", source: label)
    }

    /// Temporary credentials for `roleARN` in exchange for an OIDC token (the request is not signed).
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, token: String,
                                          label: String) throws(AWSError) -> Credentials {
        let xml = try call("AssumeRoleWithWebIdentity",
                           [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", token)],
                           signedWith: nil, subject: roleARN)
        return try Self.credentials(from: xml, operation: "AssumeRoleWithWebIdentity", source: label)
    }

    /// Who `credentials` belong to.
    public struct Identity: Sendable, Equatable {
        public var arn: String
        public var account: String
        public var userID: String
    }

    /// `GetCallerIdentity`: the ARN, account and user id of `credentials`.
    public func getCallerIdentity(_ credentials: Credentials) throws(AWSError) -> Identity {
        let xml = try call("GetCallerIdentity", [], signedWith: credentials, subject: "the caller")
        guard let arn = QueryEncoding.element("Arn", in: xml), let account = QueryEncoding.element("Account", in: xml) else {
            throw AWSError(.malformedResponse, "sts:GetCallerIdentity answered without Arn and Account",
                           hint: "check that \(endpoint.url) is an STS endpoint (\(endpoint.source))")
        }
        return Identity(arn: arn, account: account, userID: QueryEncoding.element("UserId", in: xml) ?? "")
    }

    /// POSTs one Query call and returns the XML answer; errors say which call on which endpoint failed.
    func call(_ action: String, _ params: [(String, String)], signedWith credentials: Credentials?,
              subject: String) throws(AWSError) -> String {
        let body = QueryEncoding.body(action: action, version: Self.version, params)
        let headers = [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")]
        let trace = traceHeader.map { [$0] } ?? []
        let what = "sts:\(action) to \(endpoint.url)"
        do {
            let r = try transport.send(what, operation: action) { date in
                if let credentials {
                    return SignedRequest.make(method: "POST", endpoint: endpoint, headers: headers, unsignedHeaders: trace, body: body,
                                              credentials: credentials, region: endpoint.signingRegion ?? region, service: "sts", date: date)
                }
                return HTTPRequest(method: "POST", url: endpoint.requestURL,
                                   headers: headers + [(name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")] + trace, body: body)
            }
            return String(decoding: r.body, as: UTF8.self)
        } catch {
            throw Self.explain(error, action: action, subject: subject, endpoint: endpoint)
        }
    }

    /// Adds what to do to an STS error.
    static func explain(_ e: AWSError, action: String, subject: String, endpoint: Endpoint) -> AWSError {
        guard case .service(let code, _) = e.kind else {
            var e = e
            if e.hint == nil || e.hint == "check the network and the endpoint" {
                e.hint = "check the network and the STS endpoint (\(endpoint.source)); AWS_ENDPOINT_URL_STS overrides it"
            }
            return e
        }
        var out = AWSError(e.kind, "sts:\(action) failed for \(subject): \(code): \(e.message)", operation: action)
        let call: ErrorHints.Call = action == "AssumeRole" ? .assumeRole
            : action == "GetCallerIdentity" ? .getCallerIdentity : .assumeRoleWithWebIdentity
        out.hint = ErrorHints.hint(code: code, call: call, subject: subject)
        return out
    }

    /// The `<Credentials>` of an AssumeRole* answer.
    static func credentials(from xml: String, operation: String, source: String) throws(AWSError) -> Credentials {
        guard let id = QueryEncoding.element("AccessKeyId", in: xml),
              let secret = QueryEncoding.element("SecretAccessKey", in: xml),
              let token = QueryEncoding.element("SessionToken", in: xml) else {
            throw AWSError(.malformedResponse, "sts:\(operation) answered without credentials",
                           hint: "check that AWS_ENDPOINT_URL_STS (if set) is an STS endpoint")
        }
        let exp = QueryEncoding.element("Expiration", in: xml).flatMap(Timestamps.parseISO8601)
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token, expiration: exp, source: source)
    }
}
