import ArgumentParser
import AWSClient
import SecretPolicy
import SecretResolution
import SecretsManager

/// `lwexec lint PREFIX...`: audits existing secrets against the SOP.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Audit the secrets under prefixes against the SOP; exit 1 on findings.",
        discussion: """
        Checks every secret under each PREFIX (all depths): the naming pattern \
        /{environment}/{service}/{secret_type}, snake_case, the environment segment \
        (LWEXEC_ENVIRONMENTS, default prod and non-prod), descriptive types, the required tags \
        Environment, ManagedBy (Terraform or Manual), Service and SecretType present and matching \
        the name, a description, and rotation as the SOP schedules it for production: database \
        passwords 30 days and service accounts 60 (errors), API keys 90 (a warning: "if supported \
        by provider"); outside /prod/ rotation is at most a note.

        One line per finding (NAME: SEVERITY: RULE: what is wrong (what to run)), or --json with the \
        same fields. The exit status follows errors only: 0 without errors (warnings and notes \
        are reported), 1 with errors, 125 when the audit itself fails. Values are never read. A \
        prefix that holds no secrets is an error (empty-prefix: an audit of nothing, often a typo, \
        must not pass) unless --allow-empty.

        --fix applies what can be fixed safely: the required tags (from the corrected name when \
        the name itself is wrong) and a description derived from the name where there is none; it \
        never renames or deletes. --dry-run shows what --fix would change.

        Examples:
          lwexec lint /prod /non-prod
          lwexec lint /non-prod --fix
          lwexec lint /prod --json | jq -r '.[] | select(.severity == "error") | .rule' | sort | uniq -c
        """)

    @Argument(help: ArgumentHelp("Prefixes to audit, e.g. /prod (/ for every secret).", valueName: "prefix"), completion: .secretPrefix)
    var prefixes: [String]

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Flag(help: "Set the required tags and missing descriptions that can be fixed safely, then report what remains.")
    var fix = false

    @Flag(help: "With --fix: show what would change, change nothing.")
    var dryRun = false

    @Flag(help: "Do not fail when a prefix holds no secrets (by default an audit of nothing is an error).")
    var allowEmpty = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if prefixes.isEmpty { throw ValidationError("name at least one prefix, e.g. lwexec lint /prod") }
        if dryRun && !fix { throw ValidationError("--dry-run goes with --fix") }
    }

    func run() throws {
        let ctx = try ManagementContext(common)
        let auditor = Auditor(naming: NamingGate(env: ctx.env).policy)
        var seen = Set<String>(), secrets: [SecretDescription] = [], empty: [Finding] = []
        for p in prefixes {
            let all = try ServiceErrors.aboutPrefix(p) {
                PrefixMatching.normalize(p) == "/"
                    ? try ctx.sm.listSecretDescriptions(namePrefix: nil)
                    : try SecretListing.under(p, recursive: true, sm: ctx.sm).map(\.secret)
            }
            // An audit of nothing is no pass: a typo in a CI audit (`lint /prd`) would otherwise pass.
            if all.isEmpty && !allowEmpty { empty.append(Self.emptyPrefix(p, ctx: ctx)) }
            for s in all where seen.insert(s.name).inserted { secrets.append(s) }
        }
        secrets.sort { $0.name < $1.name }
        if fix {
            let fixer = SOPFixer(sm: ctx.sm, auditor: auditor, dryRun: dryRun)
            for (i, s) in secrets.enumerated() {
                let changes = try fixer.apply(to: s, tags: [:], description: nil, fillDescription: true)
                if changes.isEmpty { continue }
                SOPFixer.report(changes, name: s.name, dryRun: dryRun)
                if !dryRun {
                    for (k, v) in changes.tags { secrets[i].tags[k] = v }
                    if let d = changes.description { secrets[i].description = d }
                }
            }
        }
        let findings = empty + secrets.flatMap { s in
            Self.hijack(s.name) + auditor.audit(SecretFacts(name: s.name, description: s.description, tags: s.tags,
                                                            rotationEnabled: s.rotationEnabled,
                                                            rotationIntervalDays: RotationSchedule.intervalDays(
                                                                automaticallyAfterDays: s.rotationAfterDays, scheduleExpression: s.rotationSchedule)))
        }
        if json {
            StandardOutput.write(JSONOutput.render(.array(findings.map { f in
                .object(["Secret": .string(f.secret), "Severity": .string(f.severity.rawValue), "Rule": .string(f.rule),
                         "Message": .string(f.message), "Fix": JSONOutput.string(f.fix)])
            })))
        } else {
            for f in findings {
                let severity = f.severity == .error ? ctx.style.red(f.severity.rawValue)
                    : f.severity == .warning ? ctx.style.yellow(f.severity.rawValue) : ctx.style.dim(f.severity.rawValue)
                StandardOutput.write("\(f.secret): \(severity): \(f.rule): \(f.message)" + (f.fix.map { " (\($0))" } ?? "") + "\n")
            }
            let count = { (s: Finding.Severity) in findings.filter { $0.severity == s }.count }
            ctx.log.notice("\(secrets.count) secret(s) checked: \(count(.error)) error(s), \(count(.warning)) warning(s), \(count(.note)) note(s)")
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    /// `empty-prefix`: nothing under a prefix to audit (an error, unless --allow-empty).
    static func emptyPrefix(_ prefix: String, ctx: ManagementContext) -> Finding {
        let near = EmptyPrefix.near(prefix, ctx: ctx)
        return Finding(rule: "empty-prefix", secret: PrefixMatching.normalize(prefix), message: EmptyPrefix.message(prefix, ctx: ctx),
                       fix: (near.isEmpty ? "check the prefix and the region;" : "did you mean \(near.joined(separator: " or "))?")
                           + " --allow-empty passes an empty prefix")
    }

    /// `loads-code`: the secret would set a variable that changes how programs load code; runs refuse it.
    static func hijack(_ name: String) -> [Finding] {
        guard let variable = NamingGate.variable(of: name), let does = HijackGuard.danger(of: variable) else { return [] }
        return [Finding(rule: "loads-code", secret: name,
                        message: "it would set \(variable), which \(does); lwexec refuses it unless --allow-variable \(variable)",
                        fix: "rename it, e.g. lwexec write with another name, then lwexec delete \(name)")]
    }
}
