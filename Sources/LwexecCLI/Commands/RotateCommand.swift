import ArgumentParser
import AWSClient
import SecretsManager

/// `lwexec rotate NAME`: the configured rotation now, or a manual/emergency rotation with a new value.
struct RotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotate a secret: run its configured rotation, or put a new value now.",
        discussion: """
        Without a value, starts the rotation configured on the secret (RotateSecret: its Lambda \
        makes and tests the new value). --schedule (and --lambda, for a secret without one) \
        configure automatic rotation first, as the SOP's schedule asks (database passwords 30d, \
        service accounts 60d, API keys 90d).

        With --generate, or a value on stdin (a pipe or a file; a terminal prompts only with \
        --prompt), it is a manual or emergency rotation: the new value becomes AWSCURRENT at once \
        and the old one AWSPREVIOUS. Then follow the SOP: restart the consumers (force a new \
        deployment, or let lwexec exec --watch restart them), verify them, and after the 24-hour \
        grace period clean up the old version with lwexec delete NAME --version-id OLD.

        Examples:
          lwexec rotate /prod/backend/database_password
          lwexec rotate /prod/backend/database_password --schedule 30d --lambda arn:aws:lambda:...:function:rotate
          lwexec rotate /prod/backend/jwt_secret_key --generate
          new-api-key | lwexec rotate /prod/backend/stripe_api_key
        """)

    @Argument(help: ArgumentHelp("The secret's name or ARN.", valueName: "name"), completion: .secretName)
    var name: String

    @Flag(help: "Rotate by hand to a new random value (RAND_bytes, base64).")
    var generate = false

    @Option(help: ArgumentHelp("Random bytes for --generate.", valueName: "n"))
    var length: Int = 32

    @Flag(help: "Rotate by hand to a value typed on the terminal (asked twice, not echoed).")
    var prompt = false

    @Flag(help: "Keep a trailing newline read from stdin.")
    var keepTrailingNewline = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Turn on automatic rotation every this long (whole days: 30d), then rotate now.", valueName: "days"))
    var schedule: String?

    @Option(help: ArgumentHelp("The rotation Lambda's ARN, with --schedule.", valueName: "arn"))
    var lambda: String?

    @OptionGroup var common: CommonOptions

    /// `--schedule` in whole days (1...1000, the service's range).
    var scheduleDays: Int? {
        guard let s = schedule, let days = Int(s.hasSuffix("d") ? String(s.dropLast()) : s), (1...1000).contains(days) else { return nil }
        return days
    }

    func validate() throws {
        if schedule != nil && scheduleDays == nil { throw ValidationError("--schedule takes whole days from 1d to 1000d (got \(schedule!))") }
        if lambda != nil && schedule == nil { throw ValidationError("--lambda goes with --schedule") }
        if schedule != nil && (generate || prompt) { throw ValidationError("--schedule configures rotation; it does not go with --generate or --prompt") }
        if generate && prompt { throw ValidationError("--generate and --prompt cannot be used together") }
        if generate, let problem = SecretGenerator.validate(length: length, format: .base64) { throw ValidationError(problem) }
    }

    func run() throws {
        let manual = schedule == nil && (generate || prompt || SecretInput.stdinHasData())
        let value: String? = !manual ? nil
            : generate ? try SecretGenerator.generate(length: length, format: .base64)
            : try SecretInput.read(for: name, keepTrailingNewline: keepTrailingNewline)
        let ctx = try ManagementContext(common)
        guard let before = try ServiceErrors.about(name, sm: ctx.sm, { try ctx.sm.describeSecret(id: name) }) else {
            throw ServiceErrors.notFound(name, sm: ctx.sm)
        }
        if before.deletedDate != nil {
            throw CommandFailure("\(name) is scheduled for deletion", hint: "restore it first: aws secretsmanager restore-secret --secret-id \(name)")
        }
        let token = try SecretUpserter.token()
        let call = value.map { SecretsManagerClient.putSecretValueCall(id: name, value: $0, token: token) }
        if call == nil, !before.rotationEnabled, before.rotationLambdaARN == nil, lambda == nil {
            throw CommandFailure("\(name) has no rotation configured",
                                 hint: "rotate it by hand (lwexec rotate \(name) --generate), or configure it: lwexec rotate \(name) --schedule 30d --lambda ARN")
        }
        let rotate = SecretsManagerClient.rotateSecretCall(id: name, token: token, lambdaARN: lambda, everyDays: scheduleDays)
        let answer = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.send(call ?? rotate) }
        CacheInvalidation.secretChanged(name, log: ctx.log)
        let result = WriteResult(json: answer, fallbackName: name)
        let previous = before.version(withStage: "AWSCURRENT")
        report(result, previous: previous, manual: manual, style: ctx.style)
    }

    func report(_ r: WriteResult, previous: String?, manual: Bool, style: Style) {
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "Mode": .string(manual ? "manual" : "configured"),
                "VersionId": JSONOutput.string(r.versionID), "PreviousVersionId": JSONOutput.string(previous),
            ])))
            return
        }
        let version = r.versionID ?? "?"
        if manual {
            StandardOutput.write("""
            \(style.green("rotated")) \(name): new AWSCURRENT version \(version)\(previous.map { ", previous \($0) is now AWSPREVIOUS" } ?? "")
            next steps (SOP, manual rotation):
              1. restart the consumers so they read the new value (force a new deployment, or let lwexec exec --watch restart them)
              2. if it is a database password, set it on the database now
              3. verify the services' health
              4. after the 24-hour grace period: lwexec delete \(name) --version-id \(previous ?? "OLD_VERSION")

            """)
        } else {
            StandardOutput.write("""
            \(style.green("rotation started")) for \(name): pending version \(version)
            next steps: watch the rotation Lambda's logs, then check lwexec history \(name) shows \(version) as AWSCURRENT

            """)
        }
    }
}
