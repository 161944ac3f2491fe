import ArgumentParser
import AWSClient
import SecretPolicy
import SecretsManager

/// `lwexec tag NAME [KEY=VALUE...]`: the SOP's required tags from the name, given ones over them, and
/// optionally the description — for secrets made by hand or by older tools.
struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Set a secret's required tags from its name (and any given), and its description.",
        discussion: """
        Environment, Service and SecretType come from the name (/{environment}/{service}/{secret_type}); \
        ManagedBy stays when it is Terraform or Manual, else becomes --managed-by (default Manual). \
        KEY=VALUE arguments add or override tags. Only what differs is sent; the value is never read. \
        --json prints what was set (Tags: only the tags that changed).

        Examples:
          lwexec tag /non-prod/backend/database_password
          lwexec tag /prod/backend/stripe_api_key Team=payments --description 'Stripe API key for prod'
        """)

    @Argument(help: ArgumentHelp("The secret's name.", valueName: "name"), completion: .secretName)
    var name: String

    @Argument(help: ArgumentHelp("Tags to set over the required ones.", valueName: "key=value"))
    var tags: [String] = []

    @Option(help: ArgumentHelp("The secret's description.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("ManagedBy when the secret has no valid one: Manual (default) or Terraform.", valueName: "who"))
    var managedBy: String = RequiredTags.defaultManagedBy

    @Flag(help: "Show what would change; change nothing.")
    var dryRun = false

    @Flag(help: "Print what was set as JSON (Name, Tags, Description, DryRun).")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        for t in tags where RequiredTags.parse(t) == nil { throw ValidationError("tags are KEY=VALUE (got \(t))") }
        guard RequiredTags.managedByValues.contains(managedBy) else {
            throw ValidationError("--managed-by takes \(RequiredTags.managedByValues.joined(separator: " or ")) (got \(managedBy))")
        }
    }

    func run() throws {
        let ctx = try ManagementContext(common)
        let secret = try ctx.describe(name)
        var overrides: [String: String] = [:]
        for t in tags { if let (k, v) = RequiredTags.parse(t) { overrides[k] = v } }
        let fixer = SOPFixer(sm: ctx.sm, auditor: Auditor(naming: NamingGate(env: ctx.env).policy), dryRun: dryRun)
        let changes = try fixer.apply(to: secret, tags: overrides, description: description, managedBy: managedBy)
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "Tags": JSONOutput.tags(changes.tags), "Description": JSONOutput.string(changes.description),
                "DryRun": .bool(dryRun),
            ])))
            return
        }
        SOPFixer.report(changes, name: name, dryRun: dryRun)
    }
}

/// Applies the fixes `lint` can make safely — tags and a description, never a rename, never a value.
struct SOPFixer {
    let sm: SecretsManagerClient
    let auditor: Auditor
    let dryRun: Bool

    /// What changed on one secret: tags set, and the description if it was set.
    struct Changes {
        var tags: [String: String] = [:]
        var description: String?
        var isEmpty: Bool { tags.isEmpty && description == nil }
    }

    /// Sets the required tags (from the corrected name) and `tags` over them, and `description` when
    /// given or when the secret has none (`derivedDescription`: then only with `fillDescription`).
    func apply(to s: SecretDescription, tags overrides: [String: String], description: String?, managedBy: String = RequiredTags.defaultManagedBy,
               fillDescription: Bool = false) throws -> Changes {
        var desired = auditor.requiredTags(for: s.name, existing: s.tags) ?? [:]
        if !RequiredTags.managedByValues.contains(s.tags[RequiredTags.managedBy] ?? "") { desired[RequiredTags.managedBy] = managedBy }
        for (k, v) in overrides { desired[k] = v }
        var changes = Changes(tags: RequiredTags.changes(desired: desired, existing: s.tags))
        if let d = description, d != s.description {
            changes.description = d
        } else if description == nil, fillDescription, (s.description ?? "").isEmpty, let d = Self.derivedDescription(auditor.correctedName(s.name)) {
            changes.description = d
        }
        guard !dryRun else { return changes }
        if let d = changes.description {
            _ = try ServiceErrors.about(s.name) { try sm.send(SecretsManagerClient.updateDescriptionCall(id: s.name, description: d, token: try SecretUpserter.token())) }
        }
        if !changes.tags.isEmpty {
            _ = try ServiceErrors.about(s.name) { try sm.send(SecretsManagerClient.tagResourceCall(id: s.name, tags: changes.tags)) }
        }
        return changes
    }

    /// "database password for non-prod backend", from a name that follows the convention.
    static func derivedDescription(_ name: String?) -> String? {
        guard let name, let n = SecretName(parsing: name) else { return nil }
        return "\(n.secretType.split(separator: "_").joined(separator: " ")) for \(n.environment) \(n.service)"
    }

    static func report(_ c: Changes, name: String, dryRun: Bool) {
        let verb = dryRun ? "would set" : "set"
        if c.isEmpty { StandardOutput.write("\(name): nothing to change\n"); return }
        var parts = c.tags.keys.sorted().map { "\($0)=\(c.tags[$0]!)" }
        if let d = c.description { parts.append("description '\(d)'") }
        StandardOutput.write("\(name): \(verb) \(parts.joined(separator: ", "))\n")
    }
}
