/// The SOP's rotation schedule: database passwords every 30 days, service accounts 60, API keys 90.
public enum RotationSchedule {
    /// The kinds of secret the SOP gives a schedule for.
    public enum Kind: String, Sendable, Equatable {
        case databasePassword = "database password"
        case serviceAccount = "service account"
        case apiKey = "API key"

        /// The longest rotation interval the SOP allows, in days.
        public var maxDays: Int {
            switch self {
            case .databasePassword: 30
            case .serviceAccount: 60
            case .apiKey: 90
            }
        }
    }

    static let databaseWords: Set<String> = [
        "database", "db", "postgres", "postgresql", "pg", "mysql", "mariadb", "rds", "aurora", "redshift", "mongo", "mongodb",
    ]

    /// The kind a secret's name tells, or nil when the name does not say (then no schedule is enforced).
    ///
    /// `database_password`, `postgres_password`, `/prod/postgres/master_password`, `database` (a
    /// credentials object) are database passwords; `stripe_api_key`, `api_token` API keys;
    /// anything with `service_account` a service account.
    public static func kind(of name: SecretName) -> Kind? {
        let type = name.secretType.lowercased()
        let words = Set(type.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init))
        if type.contains("service_account") || type.contains("serviceaccount") { return .serviceAccount }
        let passwordish = words.contains("password") || words.contains("credentials") || words.contains("pw")
        let databaseish = !words.isDisjoint(with: databaseWords) || databaseWords.contains(name.service.lowercased())
        if databaseish && passwordish { return .databasePassword }
        if words.count == 1, let w = words.first, databaseWords.contains(w) { return .databasePassword }
        if type.contains("apikey") || (words.contains("api") && (words.contains("key") || words.contains("token"))) { return .apiKey }
        return nil
    }

    /// Days between rotations from a `RotationRules` entry: `AutomaticallyAfterDays`, else a `rate(N days)`
    /// or `rate(N hours)` `ScheduleExpression`; nil when it cannot be told (a cron expression, or nothing).
    public static func intervalDays(automaticallyAfterDays: Int?, scheduleExpression: String?) -> Double? {
        if let d = automaticallyAfterDays, d > 0 { return Double(d) }
        guard let e = scheduleExpression?.lowercased(), e.hasPrefix("rate("), e.hasSuffix(")") else { return nil }
        let inner = e.dropFirst(5).dropLast().split(separator: " ")
        guard inner.count == 2, let n = Double(inner[0]), n > 0 else { return nil }
        switch inner[1] {
        case "day", "days": return n
        case "hour", "hours": return n / 24
        default: return nil
        }
    }
}
