import ExecCore
import ArgumentParser
import AWSClient

/// Options every AWS-calling command shares.
struct CommonOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print no notices (overrides announced on stderr).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print what lwexec does: sources, calls, timings, variable names (never values).")
    var verbose = false

    @Option(help: ArgumentHelp("The AWS profile to use (default: AWS_PROFILE, else default).", valueName: "name"), completion: .awsProfile)
    var profile: String?

    @Option(help: ArgumentHelp("The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region).", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).",
                               valueName: "url"))
    var endpointURL: String?

    @Option(help: ArgumentHelp("How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.", valueName: "duration"))
    var timeout: String = "30s"

    func validate() throws {
        if parseDuration(timeout) == nil { throw ValidationError("--timeout takes a duration such as 30s, 2m or 1h (got \(timeout))") }
    }

    /// The AWS part of these options.
    var aws: AWSOptions {
        var a = AWSOptions()
        a.profile = profile
        a.region = region
        a.endpointURL = endpointURL
        a.timeoutSeconds = parseDuration(timeout) ?? 30
        return a
    }

    /// A logger honouring -q and -v.
    var logger: Logger { Logger(verbose: verbose, quiet: quiet) }
}
