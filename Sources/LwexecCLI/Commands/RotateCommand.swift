import ArgumentParser
import AWSClient
import SecretPolicy
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
        --prompt), it is a manual or emergency rotation. In one step, for values nothing else must \
        accept (JWT signing keys, API keys): the new value becomes AWSCURRENT at once and the old \
        one AWSPREVIOUS; restart the consumers (force a new deployment, or let lwexec exec --watch \
        restart them), verify them, and after the 24-hour grace period clean up the old version \
        with lwexec delete NAME --version-id OLD. In two phases, for values a system must accept \
        first (passwords, service accounts): --pending writes the new value as AWSPENDING only \
        (consumers keep the old one); set it on the system (lwexec read NAME --stage AWSPENDING), \
        then --promote makes it AWSCURRENT. One-step rotation of a password or service account \
        asks first, and so does every rotation in /prod/ but --pending; off a terminal --yes is \
        required. --off turns automatic rotation off (CancelRotateSecret).

        Examples:
          lwexec rotate /prod/backend/database_password
          lwexec rotate /prod/backend/database_password --schedule 30d --lambda arn:aws:lambda:...:function:rotate
          lwexec rotate /prod/backend/jwt_secret_key --generate
          new-api-key | lwexec rotate /prod/backend/stripe_api_key
          lwexec rotate /non-prod/backend/database_password --generate --pending
          lwexec rotate /non-prod/backend/database_password --promote
          lwexec rotate /prod/backend/database_password --off
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

    @Flag(help: "Write the new value as AWSPENDING only (first phase); --promote makes it current.")
    var pending = false

    @Flag(help: "Make the AWSPENDING version AWSCURRENT (second phase); the old one becomes AWSPREVIOUS.")
    var promote = false

    @Flag(help: "Turn automatic rotation off (CancelRotateSecret).")
    var off = false

    @Flag(name: [.customShort("y"), .long], help: "Do not ask; required off a terminal where lwexec would ask.")
    var yes = false

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
        if pending && schedule != nil { throw ValidationError("--pending writes a value by hand; it does not go with --schedule") }
        if promote && (generate || prompt || pending || schedule != nil) {
            throw ValidationError("--promote only moves AWSCURRENT to the pending version; it takes no value or schedule")
        }
        if off && (generate || prompt || pending || promote || schedule != nil) {
            throw ValidationError("--off turns rotation off; it goes with no other rotation option")
        }
    }

    func run() throws {
        if off { return try turnOff() }
        if promote { return try promotePending() }
        let manual = schedule == nil && (generate || prompt || pending || SecretInput.stdinHasData())
        // Refuse before reading a value or calling AWS when someone should confirm and nobody can.
        let question = confirmation(manual: manual)
        if question != nil && !yes && !Confirmation.interactive { throw refusal(manual: manual) }
        let value: String? = !manual ? nil
            : generate ? try SecretGenerator.generate(length: length, format: .base64)
            : try SecretInput.read(for: name, keepTrailingNewline: keepTrailingNewline)
        let ctx = try ManagementContext(common)
        let before = try describe(ctx)
        let token = try SecretUpserter.token()
        let call = value.map {
            SecretsManagerClient.putSecretValueCall(id: name, value: $0, token: token, stages: pending ? ["AWSPENDING"] : nil)
        }
        if call == nil, !before.rotationEnabled, before.rotationLambdaARN == nil, lambda == nil {
            throw CommandFailure("\(name) has no rotation configured",
                                 hint: "rotate it by hand (lwexec rotate \(name) --generate), or configure it: lwexec rotate \(name) --schedule 30d --lambda ARN")
        }
        if let question, !yes { try ask(question) }
        let rotate = SecretsManagerClient.rotateSecretCall(id: name, token: token, lambdaARN: lambda, everyDays: scheduleDays)
        let answer: JSONValue
        if let call {
            answer = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.send(call) }
        } else {
            do { answer = try ctx.sm.send(rotate) } catch { throw RotationState.failed(error, secret: name, sm: ctx.sm) }
        }
        CacheInvalidation.secretChanged(name, log: ctx.log)
        let result = WriteResult(json: answer, fallbackName: name)
        let previous = before.version(withStage: "AWSCURRENT")
        if pending { return reportPending(result, current: previous, style: ctx.style) }
        report(result, previous: previous, manual: manual, style: ctx.style)
    }

    /// The secret's metadata before acting; not found and scheduled for deletion are errors.
    func describe(_ ctx: ManagementContext) throws -> SecretDescription {
        let d = try ctx.describe(name)
        if let deleted = d.deletedDate { throw ServiceErrors.scheduledForDeletion(name, sm: ctx.sm, deletedDate: deleted) }
        return d
    }

    /// What to ask before acting, or nil: one-step rotation of a password or service account, and any
    /// rotation in /prod/ but the first phase (--pending changes nothing consumers read).
    func confirmation(manual: Bool) -> String? {
        if manual && !pending && ManualRotation.needsTwoPhases(name) {
            return "\(name) is a password or service account: a one-step rotation gives consumers the new value before "
                + "its system accepts it (lwexec rotate \(name) --generate --pending rotates in two phases). Rotate in one step anyway? "
                + "Type the name to confirm: "
        }
        if ManualRotation.isProduction(name) && !pending {
            return manual ? "Rotate \(name) now (new AWSCURRENT value at once)? Type the name to confirm: "
                : "Start the configured rotation of \(name)? Type the name to confirm: "
        }
        return nil
    }

    func refusal(manual: Bool) -> CommandFailure {
        if manual && ManualRotation.needsTwoPhases(name) {
            return CommandFailure("refusing to rotate \(name) in one step without confirmation: consumers would get a password "
                                  + "its system does not know yet (stdin is not a terminal)",
                                  hint: "rotate in two phases: lwexec rotate \(name) --generate --pending, set it on the system, "
                                      + "then lwexec rotate \(name) --promote --yes; or add --yes to rotate in one step")
        }
        return CommandFailure("refusing to rotate \(name) (production) without confirmation: stdin is not a terminal",
                              hint: "add --yes to confirm in scripts")
    }

    func ask(_ question: String) throws {
        guard Confirmation.ask(question, expected: name) else { throw CommandFailure("not confirmed; nothing was changed") }
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
              2. verify the services' health
              3. after the 24-hour grace period: lwexec delete \(name) --version-id \(previous ?? "OLD_VERSION")
            (a value another system must accept, such as a password, rotates in two phases: --pending, then --promote)

            """)
        } else {
            StandardOutput.write("""
            \(style.green("rotation started")) for \(name): pending version \(version)
            next steps: watch the rotation Lambda's logs, then check lwexec history \(name) shows \(version) as AWSCURRENT

            """)
        }
    }
}
