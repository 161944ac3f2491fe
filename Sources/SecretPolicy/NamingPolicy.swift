/// The SOP's naming convention: `/{environment}/{service}/{secret_type}`, snake_case,
/// an environment from an allowed list, descriptive secret types.
///
/// `check` explains every rule a name breaks; `suggestion` proposes the name that follows
/// them all, so a rejection can say what to type instead.
public struct NamingPolicy: Sendable, Equatable {
    /// Allowed first segments, e.g. `prod`, `non-prod`.
    public var environments: [String]

    public static let defaultEnvironments = ["prod", "non-prod"]

    public init(environments: [String] = NamingPolicy.defaultEnvironments) {
        self.environments = environments.isEmpty ? Self.defaultEnvironments : environments
    }

    /// The policy for a `LWEXEC_ENVIRONMENTS` setting: names separated by commas or spaces; unset or empty: the default.
    public init(environmentsSetting: String?) {
        let list = (environmentsSetting ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        self.init(environments: list)
    }

    /// The SOP's pattern, for messages.
    public static let pattern = "/{environment}/{service}/{secret_type}"

    /// Every rule `name` breaks, each explained; empty when the name is fine.
    public func check(_ name: String) -> [NamingViolation] {
        guard let parsed = SecretName(parsing: name) else {
            return [NamingViolation(.pattern, "names follow \(Self.pattern): a leading /, three non-empty segments")]
        }
        var out: [NamingViolation] = []
        if !environments.contains(parsed.environment) {
            out.append(NamingViolation(.environment,
                "the environment segment \"\(parsed.environment)\" is not one of \(environments.joined(separator: ", ")) (LWEXEC_ENVIRONMENTS sets the list)"))
        }
        for (what, segment) in [("service", parsed.service), ("secret type", parsed.secretType)] where !SnakeCase.isSnakeCase(segment) {
            out.append(NamingViolation(.snakeCase,
                "the \(what) \"\(segment)\" is not snake_case (lowercase letters, digits, single underscores)"))
        }
        let typeWords = SnakeCase.isSnakeCase(parsed.secretType) ? parsed.secretType : SnakeCase.convert(parsed.secretType)
        let abbreviations = Abbreviations.found(in: typeWords)
        if !abbreviations.isEmpty {
            let list = abbreviations.map { "\"\($0.abbreviation)\" → \"\($0.replacement)\"" }.joined(separator: ", ")
            out.append(NamingViolation(.abbreviation,
                "secret types are descriptive (database_password, not db_pw): spell out \(list)"))
        }
        return out
    }

    /// The name that follows every rule, derived from `name`; nil when no sensible guess exists.
    public func suggestion(for name: String) -> String? {
        var parts = name.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return nil }
        if parts.count >= 2, environment(matching: parts[0]) == nil, parts.count == 2 {
            // `/backend/database_password`: the environment is missing.
            parts.insert(defaultSuggestionEnvironment, at: 0)
        }
        guard parts.count >= 3 else { return nil }
        let env = environment(matching: parts[0]) ?? defaultSuggestionEnvironment
        let service = SnakeCase.convert(parts[1])
        // `/prod/backend/db/password`: deeper segments fold into the type.
        let type = Abbreviations.expand(SnakeCase.convert(parts[2...].joined(separator: "_")))
        guard !service.isEmpty, !type.isEmpty else { return nil }
        let s = "/\(env)/\(service)/\(type)"
        return check(s).isEmpty ? s : nil
    }

    /// An allowed environment that `segment` plausibly means: `Prod`, `production` → `prod`; `nonprod`, `staging` → `non-prod`.
    public func environment(matching segment: String) -> String? {
        if environments.contains(segment) { return segment }
        let key = Self.squash(segment)
        if let e = environments.first(where: { Self.squash($0) == key }) { return e }
        let aliases: [String: String] = [
            "production": "prod", "prd": "prod", "live": "prod",
            "dev": "non-prod", "development": "non-prod", "staging": "non-prod", "stage": "non-prod",
            "test": "non-prod", "testing": "non-prod", "qa": "non-prod", "nonproduction": "non-prod",
        ]
        if let a = aliases[key], environments.contains(a) { return a }
        return nil
    }

    /// The environment a suggestion uses when the name gives none: `non-prod` when allowed, else the last one listed.
    var defaultSuggestionEnvironment: String {
        environments.contains("non-prod") ? "non-prod" : environments.last ?? "non-prod"
    }

    static func squash(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
    }
}

/// One naming rule a name breaks, and why.
public struct NamingViolation: Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable {
        case pattern = "naming-pattern"
        case environment = "environment"
        case snakeCase = "snake-case"
        case abbreviation = "descriptive-type"
    }

    public var rule: Rule
    public var message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { message }
}
