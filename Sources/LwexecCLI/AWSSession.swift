import AWSClient
import AWSHTTP
import ExecCore

/// Credentials, region, endpoint and a signed Secrets Manager client, configured as the AWS CLI would.
struct AWSSession {
    let setup: AWSSetup
    let client: AWSJSONClient
    let credentials: Credentials

    /// What the session is for: the retry policy differs (`RetryPolicy.forLaunch`).
    enum Purpose { case launch, command }

    /// Resolves credentials and builds the client for one operation that must finish by `deadline`
    /// (default: `--timeout` from now): finding credentials (STS, SSO, IMDS...) and the calls after.
    init(_ setup: AWSSetup, log: Logger, credentialCache: (any CredentialCacheStore)? = nil, purpose: Purpose = .command,
         deadline: Deadline? = nil) throws(AWSError) {
        self.setup = setup
        RegionCheck.warnIfUnlisted(setup.region, log: log)
        let deadline = deadline ?? .after(seconds: setup.options.timeoutSeconds)
        var context = setup.context
        context.deadlineMs = deadline.monotonicMs
        context.log = log
        context.region = setup.region
        context.credentialCache = credentialCache
        credentials = try CredentialChain.resolve(context)
        var retry = try RetryPolicy.resolve(context)
        if purpose == .launch { retry = retry.forLaunch() }
        log.debug("credentials from \(credentials.source) (access key \(Self.redact(credentials.accessKeyID)))")
        log.debug("region \(setup.region) (from \(setup.regionSource)); endpoint \(setup.endpoint.url) (\(setup.endpoint.source))")
        let http = HTTPClient(options: HTTPOptions(caBundle: context.caBundle))
        client = AWSJSONClient(service: .secretsManager, targetPrefix: "secretsmanager", endpoint: setup.endpoint,
                               region: setup.region, credentials: credentials, http: http, retry: retry, log: log,
                               deadline: deadline)
        if let trace = RecursionDetection.header(setup.env) { client.extraHeaders.append(trace) }
    }

    /// Everything in one step, for commands that always call AWS.
    init(_ o: AWSOptions, env: ProcessEnvironment, log: Logger) throws(AWSError) {
        try self.init(AWSSetup(o, env: env, regionFallback: IMDSRegion.fallback), log: log)
    }

    /// An access key id shortened for display: the AWS CLI shows only the last four characters.
    static func redact(_ id: String) -> String {
        String(repeating: "*", count: max(0, min(id.count - 4, 16))) + id.suffix(4)
    }
}

extension AWSSetup {
    /// Resolves credentials and builds the signed client; temporary credentials go through
    /// `credentialCache` when given (the keyring, with `--cache`).
    func session(log: Logger, credentialCache: (any CredentialCacheStore)? = nil, purpose: AWSSession.Purpose = .command,
                 deadline: Deadline? = nil) throws(AWSError) -> AWSSession {
        try AWSSession(self, log: log, credentialCache: credentialCache, purpose: purpose, deadline: deadline)
    }
}
