import AWSCore
import AWSHTTP

/// The AWS settings every AWS-calling command takes: `--profile`, `--region`, `--endpoint-url`, `--timeout`.
public struct AWSOptions: Equatable, Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// Seconds before lwexec gives up on AWS.
    public var timeoutSeconds: Int = 30

    public init() {}
}

/// Everything about AWS that is known without a network call: files, profile, region, endpoint.
///
/// Split from `AWSSession` so that a keyring cache hit can be keyed and served without
/// resolving credentials over the network or loading libcurl.
struct AWSSetup {
    let options: AWSOptions
    let env: ProcessEnvironment
    let context: CredentialContext
    let region: String
    let regionSource: String
    let endpoint: Endpoint

    init(_ o: AWSOptions, env: ProcessEnvironment) throws(AWSError) {
        options = o
        self.env = env
        context = CredentialContext(env: env, shared: try SharedConfig.load(env), profileFlag: o.profile)
        (region, regionSource) = try RegionResolver.resolveWithIMDS(flag: o.region, context: context)
        endpoint = try Endpoint.resolve(.secretsManager, flag: o.endpointURL, region: region, context: context)
    }

    /// Who the caller will be, from configuration alone; nil when that needs a network call to know.
    var cacheIdentity: String? {
        try? CredentialChain.standard.identityKey(context)
    }

    /// Resolves credentials and builds the signed client; temporary credentials go through
    /// `credentialCache` when given (the keyring, with `--cache`).
    func session(log: Logger, credentialCache: (any CredentialCacheStore)? = nil) throws(AWSError) -> AWSSession {
        try AWSSession(self, log: log, credentialCache: credentialCache)
    }
}

/// Credentials, region, endpoint and a signed Secrets Manager client, configured as the AWS CLI would.
struct AWSSession {
    let setup: AWSSetup
    let client: AWSJSONClient
    let credentials: Credentials

    init(_ setup: AWSSetup, log: Logger, credentialCache: (any CredentialCacheStore)? = nil) throws(AWSError) {
        self.setup = setup
        // One deadline for the whole run: finding credentials (STS, SSO, IMDS...) and the calls after.
        let deadlineMs = Clock.monotonicMs() + setup.options.timeoutSeconds * 1000
        var context = setup.context
        context.deadlineMs = deadlineMs
        context.log = log
        context.region = setup.region
        context.credentialCache = credentialCache
        credentials = try CredentialChain.standard.resolve(context)
        let retry = try RetryPolicy.resolve(context)
        log.debug("credentials from \(credentials.source) (access key \(Self.redact(credentials.accessKeyID)))")
        log.debug("region \(setup.region) (from \(setup.regionSource)); endpoint \(setup.endpoint.url) (\(setup.endpoint.source))")
        let http = HTTPClient(options: HTTPOptions(caBundle: setup.env["AWS_CA_BUNDLE"]))
        client = AWSJSONClient(service: .secretsManager, targetPrefix: "secretsmanager", endpoint: setup.endpoint,
                               region: setup.region, credentials: credentials, http: http, retry: retry, log: log,
                               deadlineMs: deadlineMs)
    }

    /// Everything in one step, for commands that always call AWS.
    init(_ o: AWSOptions, env: ProcessEnvironment, log: Logger) throws(AWSError) {
        try self.init(AWSSetup(o, env: env), log: log)
    }

    /// An access key id shortened for display: the AWS CLI shows only the last four characters.
    static func redact(_ id: String) -> String {
        String(repeating: "*", count: max(0, min(id.count - 4, 16))) + id.suffix(4)
    }
}
