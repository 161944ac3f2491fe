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

/// Credentials, region, endpoint and a signed Secrets Manager client, configured as the AWS CLI would.
struct AWSSession {
    let client: AWSJSONClient
    let credentials: Credentials
    let region: String
    let endpoint: Endpoint

    init(_ o: AWSOptions, env: ProcessEnvironment, log: Logger) throws(AWSError) {
        let shared = try SharedConfig.load(env)
        let context = CredentialContext(env: env, shared: shared, profileFlag: o.profile)
        credentials = try CredentialChain.standard.resolve(context)
        let (region, regionSource) = try RegionResolver.resolve(flag: o.region, context: context)
        self.region = region
        endpoint = try Endpoint.resolve(.secretsManager, flag: o.endpointURL, region: region, context: context)
        log.debug("credentials from \(credentials.source) (access key \(Self.redact(credentials.accessKeyID)))")
        log.debug("region \(region) (from \(regionSource)); endpoint \(endpoint.url) (\(endpoint.source))")
        let http = HTTPClient(options: HTTPOptions(caBundle: env["AWS_CA_BUNDLE"]))
        client = AWSJSONClient(service: .secretsManager, targetPrefix: "secretsmanager", endpoint: endpoint, region: region,
                               credentials: credentials, http: http, retry: .from(env), log: log,
                               deadlineMs: Clock.monotonicMs() + o.timeoutSeconds * 1000)
    }

    /// An access key id shortened for display: the AWS CLI shows only the last four characters.
    static func redact(_ id: String) -> String {
        String(repeating: "*", count: max(0, min(id.count - 4, 16))) + id.suffix(4)
    }
}
