import ArgumentParser
import AWSClient
import Glibc

/// `lwexec whoami`: who lwexec will be on AWS, and where it will call — the first troubleshooting step.
///
/// Resolves credentials exactly as `exec` does and asks STS `GetCallerIdentity`; prints the profile,
/// the credential source that won, the caller's ARN and account, the region and the endpoints.
/// Never a secret: the access key id is shortened, the secret key and session token are not shown.
struct WhoamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the AWS identity, credential source, region and endpoint lwexec would use.",
        discussion: """
        Finds credentials the way exec does (environment, web identity, SSO, profiles, credential_process, \
        container, instance metadata; role_arn on top) and asks STS who they belong to. Prints no secret.

        Examples:
          lwexec whoami
          lwexec whoami --profile prod --json
        """)

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        do {
            try show()
        } catch var e as AWSError {
            e.hint = ErrorHints.withoutWhoami(e.hint)  // whoami failing never says to run whoami
            throw e
        }
    }

    func show() throws {
        let log = common.logger
        let session = try AWSSession(common.aws, env: ProcessEnvironment.current(), log: log)
        var context = session.setup.context
        context.region = session.setup.region
        context.deadlineMs = session.client.deadline.monotonicMs
        context.log = log
        let sts = try STSClient(context, transport: .forCredentials(context, retry: try RetryPolicy.resolve(context)))
        let identity = try sts.getCallerIdentity(session.credentials)
        let profileSource = context.profileFromFlag ? "--profile"
            : context.profileExplicit ? (context.env["AWS_PROFILE"] != nil ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE") : "default"
        let c = session.credentials
        let fields: [(String, String, String)] = [
            ("Profile", "profile", "\(context.profileName) (\(profileSource))"),
            ("CredentialSource", "credentials", c.source),
            ("AccessKeyId", "access key", AWSSession.redact(c.accessKeyID)),
            ("Expiration", "expires", c.expiration.map(Timestamps.formatISO8601) ?? "never (long-lived keys)"),
            ("Arn", "arn", identity.arn),
            ("Account", "account", identity.account),
            ("UserId", "user id", identity.userID),
            ("Region", "region", "\(session.setup.region) (\(session.setup.regionSource))"),
            ("Endpoint", "endpoint", "\(session.setup.endpoint.url) (\(session.setup.endpoint.source))"),
            ("StsEndpoint", "sts endpoint", "\(sts.endpoint.url) (\(sts.endpoint.source))"),
        ]
        if json {
            var o: [String: JSONValue] = [:]
            for (key, _, value) in fields { o[key] = .string(value) }
            o["Profile"] = .string(context.profileName)
            o["Region"] = .string(session.setup.region)
            o["Endpoint"] = .string(session.setup.endpoint.url.description)
            o["StsEndpoint"] = .string(sts.endpoint.url.description)
            o["Expiration"] = c.expiration.map { .string(Timestamps.formatISO8601($0)) } ?? .null
            print(JSON.serialize(.object(o)))
        } else {
            for (_, label, value) in fields {
                print(label + ":" + String(repeating: " ", count: max(1, 14 - label.count)) + value)
            }
        }
    }
}
