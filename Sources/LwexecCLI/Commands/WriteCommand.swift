import ArgumentParser
import AWSClient
import Glibc

/// `lwexec write NAME`: create a secret or add a version, following the SOP.
struct WriteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Create a secret, or add a new version to it, with the SOP's name, description and tags.",
        discussion: """
        The value comes from stdin (one trailing newline dropped), from a prompt on the terminal \
        (asked twice, not echoed), or from --generate: never from the command line, where it would \
        land in shell history and in ps.

        The name must follow the SOP: /{environment}/{service}/{secret_type}, snake_case, an \
        environment from LWEXEC_ENVIRONMENTS (default: prod, non-prod) and a descriptive type \
        (database_password, not db_pw). A rejection shows the corrected name; --force overrides it.

        The tags Environment, Service and SecretType come from the name, ManagedBy=Manual is added \
        when the secret has no ManagedBy yet (--managed-by Terraform for Terraform's); --tag adds or \
        overrides. Each write carries an \
        idempotency token, so a retried request never makes two versions.

        Examples:
          lwexec write /non-prod/backend/database_password --generate --description 'Postgres'
          lwexec write /non-prod/backend/stripe_api_key < key.txt
          vault-export | lwexec write /prod/backend/jwt_secret_key --skip-unchanged
        """)

    @Argument(help: ArgumentHelp("The secret's name, e.g. /non-prod/backend/database_password.", valueName: "name"),
              completion: .secretName)
    var name: String

    /// chamber's habit, `write NAME VALUE`: taken only to say where values come from instead.
    @Argument(help: .hidden)
    var valueOnCommandLine: [String] = []

    @Flag(help: "Write a new random value (RAND_bytes, base64) instead of reading one.")
    var generate = false

    @Option(help: ArgumentHelp("Random bytes for --generate, as openssl rand -base64 N.", valueName: "n"))
    var length: Int = 32

    @Option(help: ArgumentHelp("The secret's description (set on creation, updated when it differs).", valueName: "text"))
    var description: String?

    @Flag(help: "Write nothing when the value equals the current one.")
    var skipUnchanged = false

    @Flag(help: "Keep a trailing newline read from stdin.")
    var keepTrailingNewline = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var write: SecretWriteOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !valueOnCommandLine.isEmpty {
            throw ValidationError("write takes no value on the command line, where it would land in shell history and ps: "
                                  + "pipe it in (printf %s VALUE | lwexec write \(name)), type it at the prompt (lwexec write \(name) at a terminal), or use --generate")
        }
        if generate, let problem = SecretGenerator.validate(length: length, format: .base64) { throw ValidationError(problem) }
        if !generate && length != 32 { throw ValidationError("--length goes with --generate") }
    }

    func run() throws {
        let env = ProcessEnvironment.current()
        try NamingGate(env: env).enforce(name, force: write.force)
        let value = generate ? try SecretGenerator.generate(length: length, format: .base64)
                             : try SecretInput.read(for: name, keepTrailingNewline: keepTrailingNewline)
        let ctx = try ManagementContext(common)
        let upserter = SecretUpserter(sm: ctx.sm, log: ctx.log)
        let outcome = try ServiceErrors.about(name) {
            try upserter.write(.init(name: name, value: value, description: description, tags: write.tagOverrides,
                                     skipUnchanged: skipUnchanged, managedBy: write.managedBy,
                                     askDescription: isatty(0) == 1 && isatty(2) == 1 ? { Self.askDescription(for: name) } : nil))
        }
        WriteReport.print(outcome, name: name, json: json, style: ctx.style)
    }
}

extension WriteCommand {
    /// Asks on the terminal what the secret is for (the SOP's creation procedure gives every secret one).
    static func askDescription(for name: String) -> String? {
        guard let tty = try? TTY.open() else { return nil }
        defer { tty.close() }
        tty.write("Description of \(name) (what it is for; the SOP asks for one, empty to skip): ")
        return tty.readLine()?.trimmingWhitespace()
    }
}

/// How `write`, `import` and `rotate` report what they did: one line for people, or JSON.
enum WriteReport {
    static func print(_ outcome: SecretUpserter.Outcome, name: String, json: Bool, style: Style) {
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "Result": .string(outcome.word), "VersionId": JSONOutput.string(outcome.versionID),
            ])))
            return
        }
        let word: String
        switch outcome {
        case .created: word = style.green("created")
        case .updated: word = style.green("updated")
        case .unchanged: word = style.dim("unchanged")
        }
        StandardOutput.write("\(word) \(name)" + (outcome.versionID.map { " (version \($0))" } ?? "") + "\n")
    }
}
