import ArgumentParser
import AWSCore
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
        Environment, ManagedBy, Service and SecretType present and matching the name, and rotation \
        on within the SOP's schedule where the name tells the kind: database passwords 30 days, \
        service accounts 60, API keys 90.

        One line per finding (NAME: RULE: what is wrong (what to do)), or --json. Exits 0 when \
        clean, 1 when there are findings, 125 when the audit itself fails. Values are never read.

        Examples:
          lwexec lint /prod /non-prod
          lwexec lint /prod --json | jq -r '.[].rule' | sort | uniq -c
        """)

    @Argument(help: ArgumentHelp("Prefixes to audit, e.g. /prod (/ for every secret).", valueName: "prefix"), completion: .secretPrefix)
    var prefixes: [String]

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if prefixes.isEmpty { throw ValidationError("name at least one prefix, e.g. lwexec lint /prod") }
    }

    func run() throws {
        let ctx = try ManagementContext(common)
        let auditor = Auditor(naming: NamingGate(env: ctx.env).policy)
        var seen = Set<String>(), secrets: [SecretDescription] = []
        for p in prefixes {
            let all = PrefixMatching.normalize(p) == "/"
                ? try ctx.sm.listSecretDescriptions(namePrefix: nil)
                : try SecretListing.under(p, recursive: true, sm: ctx.sm).map(\.secret)
            for s in all where seen.insert(s.name).inserted { secrets.append(s) }
        }
        secrets.sort { $0.name < $1.name }
        let findings = secrets.flatMap { s in
            Self.hijack(s.name) + auditor.audit(SecretFacts(name: s.name, tags: s.tags, rotationEnabled: s.rotationEnabled,
                                      rotationIntervalDays: RotationSchedule.intervalDays(
                                          automaticallyAfterDays: s.rotationAfterDays, scheduleExpression: s.rotationSchedule)))
        }
        if json {
            StandardOutput.write(JSONOutput.render(.array(findings.map { f in
                .object(["secret": .string(f.secret), "rule": .string(f.rule), "message": .string(f.message),
                         "fix": JSONOutput.string(f.fix)])
            })))
        } else {
            for f in findings {
                StandardOutput.write("\(f.secret): \(ctx.style.yellow(f.rule)): \(f.message)" + (f.fix.map { " (\($0))" } ?? "") + "\n")
            }
            let flagged = Set(findings.map(\.secret)).count
            ctx.log.notice("\(secrets.count) secret(s) checked, \(findings.count) finding(s) in \(flagged)")
        }
        if !findings.isEmpty { throw ExitCode(1) }
    }

    /// `loads-code`: the secret would set a variable that changes how programs load code; runs refuse it.
    static func hijack(_ name: String) -> [Finding] {
        guard let variable = NamingGate.variable(of: name), let does = HijackGuard.danger(of: variable) else { return [] }
        return [Finding(rule: "loads-code", secret: name,
                        message: "it would set \(variable), which \(does); lwexec refuses it unless --allow-variable \(variable)",
                        fix: "rename it, e.g. lwexec write with another name, then lwexec delete \(name)")]
    }
}
