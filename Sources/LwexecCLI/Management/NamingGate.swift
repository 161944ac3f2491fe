import AWSClient
import SecretPolicy
import SecretResolution

/// Enforces the SOP's naming convention before a write: a rejection explains each broken rule
/// and shows the corrected name; `--force` writes anyway with a warning.
struct NamingGate {
    let policy: NamingPolicy

    init(env: ProcessEnvironment) {
        policy = NamingPolicy(environmentsSetting: env.value("LWEXEC_ENVIRONMENTS"))
    }

    /// Throws for a name that breaks the convention, unless `force` (then warns on stderr).
    func enforce(_ name: String, force: Bool) throws(CommandFailure) {
        try enforceHijackGuard(name, force: force)
        let violations = policy.check(name)
        guard !violations.isEmpty else { return }
        let reasons = violations.map(\.message).joined(separator: "; ")
        let message = "\(name) breaks the SOP naming convention \(NamingPolicy.pattern): \(reasons)"
        if force {
            Logger.write("lwexec: warning: \(message); writing it anyway (--force)")
            return
        }
        let hint = policy.suggestion(for: name).map { "use \($0) instead, or --force to keep \(name)" }
            ?? "name it like /non-prod/backend/database_password, or --force to keep \(name)"
        throw CommandFailure(message, hint: hint)
    }

    /// A secret whose variable would change how programs load code (`HijackGuard`) is refused:
    /// every `lwexec` of its prefix would stop on it. `--force` writes it with a warning.
    func enforceHijackGuard(_ name: String, force: Bool) throws(CommandFailure) {
        guard let variable = Self.variable(of: name), let does = HijackGuard.danger(of: variable) else { return }
        let message = "\(name) would become \(variable), which \(does); every lwexec of its prefix would refuse it"
        if force {
            Logger.write("lwexec: warning: \(message); writing it anyway (--force)")
            return
        }
        throw CommandFailure(message, hint: "choose another name, or --force if the command needs it (runs then need --allow-variable \(variable))")
    }

    /// The variable a prefix run derives from the secret's last path segment.
    static func variable(of name: String) -> String? {
        guard let last = name.split(separator: "/").last else { return nil }
        return VariableMapping.variableName(for: last, envPrefix: "")
    }
}
