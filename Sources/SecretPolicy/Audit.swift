/// What `lwexec lint` knows about one secret: its name, tags and rotation settings (never a value).
public struct SecretFacts: Sendable, Equatable {
    public var name: String
    public var tags: [String: String]
    public var rotationEnabled: Bool
    /// Days between automatic rotations, when they can be told.
    public var rotationIntervalDays: Double?

    public init(name: String, tags: [String: String] = [:], rotationEnabled: Bool = false, rotationIntervalDays: Double? = nil) {
        self.name = name
        self.tags = tags
        self.rotationEnabled = rotationEnabled
        self.rotationIntervalDays = rotationIntervalDays
    }
}

/// One way a secret departs from the SOP.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// A stable rule id for scripts: `naming-pattern`, `snake-case`, `environment`, `descriptive-type`,
    /// `tag-missing`, `tag-mismatch`, `rotation-disabled`, `rotation-interval`.
    public var rule: String
    public var secret: String
    public var message: String
    /// What to do about it, when there is one thing to do.
    public var fix: String?

    public init(rule: String, secret: String, message: String, fix: String? = nil) {
        self.rule = rule
        self.secret = secret
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(secret): \(rule): \(message)" + (fix.map { " (\($0))" } ?? "") }
}

/// Checks existing secrets against the SOP: naming, required tags and their consistency with the name, rotation.
public struct Auditor: Sendable {
    public var naming: NamingPolicy

    public init(naming: NamingPolicy) {
        self.naming = naming
    }

    /// Every finding for one secret, naming first, then tags, then rotation.
    public func audit(_ s: SecretFacts) -> [Finding] {
        var out: [Finding] = []
        let violations = naming.check(s.name)
        let suggestion = violations.isEmpty ? nil : naming.suggestion(for: s.name)
        for v in violations {
            out.append(Finding(rule: v.rule.rawValue, secret: s.name, message: v.message,
                               fix: suggestion.map { "the SOP's name would be \($0)" }))
        }
        let parsed = SecretName(parsing: s.name)
        let expected = parsed.map(RequiredTags.derived(from:)) ?? [:]
        for key in RequiredTags.keys {
            guard let have = s.tags[key] else {
                let value = expected[key] ?? (key == RequiredTags.managedBy ? "Terraform|Manual|lwexec" : "…")
                out.append(Finding(rule: "tag-missing", secret: s.name, message: "the required tag \(key) is missing",
                                   fix: "add \(key)=\(value)"))
                continue
            }
            if let want = expected[key], have != want {
                out.append(Finding(rule: "tag-mismatch", secret: s.name,
                                   message: "the tag \(key)=\(have) does not match the name (\(want))",
                                   fix: "set \(key)=\(want)"))
            }
        }
        if let parsed, let kind = RotationSchedule.kind(of: parsed) {
            if !s.rotationEnabled {
                out.append(Finding(rule: "rotation-disabled", secret: s.name,
                                   message: "the SOP rotates \(kind.rawValue)s at least every \(kind.maxDays) days; rotation is off",
                                   fix: "aws secretsmanager rotate-secret --secret-id \(s.name) --rotation-lambda-arn ARN --rotation-rules AutomaticallyAfterDays=\(kind.maxDays)"))
            } else if let days = s.rotationIntervalDays, days > Double(kind.maxDays) {
                out.append(Finding(rule: "rotation-interval", secret: s.name,
                                   message: "the SOP rotates \(kind.rawValue)s at least every \(kind.maxDays) days; this one rotates every \(Self.format(days)) days",
                                   fix: "set AutomaticallyAfterDays=\(kind.maxDays)"))
            }
        }
        return out
    }

    static func format(_ d: Double) -> String {
        Int(exactly: d).map { String($0) } ?? String(d)
    }
}
