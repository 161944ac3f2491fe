import AWSCore
import AWSHTTP
import Launcher
import SecretResolution
import SecretsManager

/// The path of one `lwexec PREFIX -- cmd`: find the command, configure AWS, resolve, launch.
enum ExecRunner {
    static func run(_ o: ExecOptions) -> Never {
        let started = Clock.monotonicMs()
        let env = ProcessEnvironment.current()
        let log = Logger(verbose: o.verbose, quiet: o.quiet)
        // The command is looked up first: a typo costs no AWS call, and nothing runs half-configured.
        let searchPath = env.variables["PATH"]
        if case .failure(let e) = Launcher.resolve(o.command[0], searchPath: searchPath) {
            Logger.write(e.message)
            Glibc.exit(e.exitCode)
        }
        do {
            let aws = try AWSSession(options: o, env: env, log: log)
            let store = SecretsManagerStore(client: SecretsManagerClient(client: aws.client), log: log)
            let resolution = try Resolver(request: o.resolutionRequest).resolve(using: store)
            let (childEnv, notices) = EnvironmentBuilder.build(inherited: env.ordered, resolution: resolution, mode: o.environmentMode)
            for n in notices { log.notice(n) }
            for v in resolution.variables { log.debug("\(v.name) <- \(v.secret)") }
            log.debug("\(resolution.variables.count) variable(s) in \(Clock.monotonicMs() - started) ms, \(aws.client.roundTrips) round trip(s)")
            Launcher.runAndExit(LaunchSpec(arguments: o.command, environment: childEnv, searchPath: searchPath))
        } catch {
            Failure.exit(error)
        }
    }
}

import Glibc

/// Credentials, region, endpoint and a signed Secrets Manager client, configured as the AWS CLI would.
struct AWSSession {
    let client: AWSJSONClient

    init(options o: ExecOptions, env: ProcessEnvironment, log: Logger) throws(AWSError) {
        let shared = try SharedConfig.load(env)
        let context = CredentialContext(env: env, shared: shared, profileFlag: o.profile)
        let credentials = try CredentialChain.standard.resolve(context)
        let (region, regionSource) = try RegionResolver.resolve(flag: o.region, context: context)
        let endpoint = try Endpoint.resolve(.secretsManager, flag: o.endpointURL, region: region, context: context)
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
