import AWSCore
import SecretPolicy

/// Enforces the SOP's naming convention before a write: a rejection explains each broken rule
/// and shows the corrected name; `--force` writes anyway with a warning.
struct NamingGate {
    let policy: NamingPolicy

    init(env: ProcessEnvironment) {
        policy = NamingPolicy(environmentsSetting: env.value("LWEXEC_ENVIRONMENTS"))
    }

    /// Throws for a name that breaks the convention, unless `force` (then warns on stderr).
    func enforce(_ name: String, force: Bool) throws(CommandFailure) {
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
}
