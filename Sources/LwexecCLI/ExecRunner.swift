import AWSCore
import Glibc
import Launcher
import SecretResolution
import SecretsManager

/// The path of one `lwexec PREFIX -- cmd`: find the command, resolve, launch.
enum ExecRunner {
    static func run(_ o: ExecOptions) -> Never {
        let env = ProcessEnvironment.current()
        let log = Logger(verbose: o.verbose, quiet: o.quiet)
        // The command is looked up first: a typo costs no AWS call, and nothing runs half-configured.
        let searchPath = env.variables["PATH"]
        if case .failure(let e) = Launcher.resolve(o.command[0], searchPath: searchPath) {
            Logger.write(e.message)
            Glibc.exit(e.exitCode)
        }
        do {
            let resolution = try SecretPipeline.resolve(o, env: env, log: log)
            let (childEnv, notices) = EnvironmentBuilder.build(inherited: env.ordered, resolution: resolution, mode: o.environmentMode)
            for n in notices { log.notice(n) }
            Launcher.runAndExit(LaunchSpec(arguments: o.command, environment: childEnv, searchPath: searchPath))
        } catch {
            Failure.exit(error)
        }
    }
}

/// Prefixes and `--secret`s to resolved variables: shared by `exec` and `env`.
enum SecretPipeline {
    /// Configures AWS, fetches and applies every resolution rule; throws before anything partial escapes.
    static func resolve(_ o: ExecOptions, env: ProcessEnvironment, log: Logger) throws -> Resolution {
        let started = Clock.monotonicMs()
        let aws = try AWSSession(o.aws, env: env, log: log)
        let store = SecretsManagerStore(client: SecretsManagerClient(client: aws.client), log: log)
        let resolution = try Resolver(request: o.resolutionRequest).resolve(using: store)
        for v in resolution.variables { log.debug("\(v.name) <- \(v.secret)") }
        log.debug("\(resolution.variables.count) variable(s) in \(Clock.monotonicMs() - started) ms, \(aws.client.roundTrips) round trip(s)")
        return resolution
    }
}
