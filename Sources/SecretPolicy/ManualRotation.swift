/// The SOP's manual rotation, by the kind of value: one step for values nothing else must accept
/// (JWT signing keys, API keys issued to others), two phases for values a system checks.
public enum ManualRotation {
    static let passwordWords: Set<String> = ["password", "passwd", "pwd", "pw", "passphrase", "credentials"]

    /// Whether a new value of `name` must be accepted by another system (a database, a service) before
    /// consumers use it: its type — the last path segment — is a password or a service account. A
    /// one-step rotation would put consumers on a value that system does not know yet.
    public static func needsTwoPhases(_ name: String) -> Bool {
        let type = (name.split(separator: "/").last.map(String.init) ?? name).lowercased()
        if type.contains("password") || type.contains("service_account") || type.contains("serviceaccount") { return true }
        let words = Set(type.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init))
        return !words.isDisjoint(with: passwordWords)
    }

    /// Whether `name` (a path or a secret ARN) is in the production environment, `/prod/`.
    public static func isProduction(_ name: String) -> Bool {
        var path = Substring(name)
        // arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-suffix
        let parts = name.split(separator: ":", maxSplits: 6, omittingEmptySubsequences: false)
        if parts.count == 7, parts[0] == "arn", parts[5] == "secret" { path = parts[6] }
        return path.hasPrefix("/prod/") || path.hasPrefix("prod/")
    }
}
