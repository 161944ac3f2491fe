import AWSCore
import Glibc
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
            let aws = try AWSSession(o.aws, env: env, log: log)
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

