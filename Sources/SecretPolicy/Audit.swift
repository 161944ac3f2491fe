/// What `lwexec lint` knows about one secret: its name, description, tags and rotation settings (never a value).
public struct SecretFacts: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var tags: [String: String]
    public var rotationEnabled: Bool
    /// Days between automatic rotations, when they can be told.
    public var rotationIntervalDays: Double?

    public init(name: String, description: String? = nil, tags: [String: String] = [:], rotationEnabled: Bool = false,
                rotationIntervalDays: Double? = nil) {
        self.name = name
        self.description = description
        self.tags = tags
        self.rotationEnabled = rotationEnabled
        self.rotationIntervalDays = rotationIntervalDays
    }
}

/// One way a secret departs from the SOP.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// How much it matters: errors make `lint` exit 1; warnings and notes are reported only.
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    }

    /// A stable rule id for scripts: `naming-pattern`, `snake-case`, `environment`, `descriptive-type`,
    /// `tag-missing`, `tag-mismatch`, `tag-invalid`, `description-missing`, `rotation-disabled`,
    /// `rotation-interval`, `loads-code`.
    public var rule: String
    public var secret: String
    public var severity: Severity
    public var message: String
    /// What to do about it, as a command to run when there is one.
    public var fix: String?

    public init(rule: String, secret: String, severity: Severity = .error, message: String, fix: String? = nil) {
        self.rule = rule
        self.secret = secret
        self.severity = severity
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(secret): \(severity.rawValue): \(rule): \(message)" + (fix.map { " (\($0))" } ?? "") }
}

/// Checks existing secrets against the SOP: naming, required tags and their consistency with the name,
/// a description, and rotation where the SOP asks for it.
///
/// The hints agree with each other: a secret whose name breaks the convention gets one corrected name,
/// and the tags are checked against that name (the tags it will need once renamed); every hint is an
/// `lwexec` command to run.
public struct Auditor: Sendable {
    public var naming: NamingPolicy

    public init(naming: NamingPolicy) {
        self.naming = naming
    }

    /// The name the SOP would give `name` (itself when it already follows the convention).
    public func correctedName(_ name: String) -> String? {
        naming.check(name).isEmpty ? name : naming.suggestion(for: name)
    }

    /// The required tags for `name`, from its corrected name; `ManagedBy` from `existing` when valid, else Manual.
    public func requiredTags(for name: String, existing: [String: String]) -> [String: String]? {
        guard let corrected = correctedName(name), let parsed = SecretName(parsing: corrected) else { return nil }
        var tags = RequiredTags.derived(from: parsed)
        let managed = existing[RequiredTags.managedBy]
        tags[RequiredTags.managedBy] = managed.flatMap { RequiredTags.managedByValues.contains($0) ? $0 : nil } ?? RequiredTags.defaultManagedBy
        return tags
    }

    /// Every finding for one secret: naming, then tags, description, rotation.
    public func audit(_ s: SecretFacts) -> [Finding] {
        var out: [Finding] = []
        let violations = naming.check(s.name)
        let corrected = correctedName(s.name)
        for v in violations {
            out.append(Finding(rule: v.rule.rawValue, secret: s.name, message: v.message,
                               fix: corrected.map { "rename it: lwexec read \(s.name) | lwexec write \($0) && lwexec delete \(s.name)" }))
        }
        let expected = requiredTags(for: s.name, existing: s.tags) ?? [:]
        var tagFixes: [String] = []
        for key in RequiredTags.keys {
            guard let have = s.tags[key] else {
                out.append(Finding(rule: "tag-missing", secret: s.name, message: "the required tag \(key) is missing"))
                if let want = expected[key] { tagFixes.append("\(key)=\(want)") }
                continue
            }
            if key == RequiredTags.managedBy, !RequiredTags.managedByValues.contains(have) {
                out.append(Finding(rule: "tag-invalid", secret: s.name,
                                   message: "ManagedBy=\(have) is not one the SOP knows (\(RequiredTags.managedByValues.joined(separator: ", ")))"))
                tagFixes.append("\(key)=\(RequiredTags.defaultManagedBy)")
            } else if let want = expected[key], have != want {
                out.append(Finding(rule: "tag-mismatch", secret: s.name,
                                   message: "the tag \(key)=\(have) does not match the name \(corrected ?? s.name) (\(want))"))
                tagFixes.append("\(key)=\(want)")
            }
        }
        // One command fixes every tag: given on each tag finding.
        if !tagFixes.isEmpty {
            let command = "lwexec tag \(s.name) " + tagFixes.joined(separator: " ")
            for i in out.indices where out[i].rule.hasPrefix("tag-") { out[i].fix = command }
        }
        if (s.description ?? "").isEmpty {
            out.append(Finding(rule: "description-missing", secret: s.name, severity: .warning,
                               message: "the SOP asks for a description of what the secret is for",
                               fix: "lwexec tag \(s.name) --description '...'"))
        }
        out += rotation(s, corrected: corrected)
        return out
    }

    /// Rotation as the SOP scopes it: its schedule is for production (database passwords 30 days,
    /// service accounts 60, API keys 90 "if supported by provider": a warning); elsewhere rotation is
    /// at most a note (the SOP tests rotation in non-prod first, it does not require it there).
    func rotation(_ s: SecretFacts, corrected: String?) -> [Finding] {
        guard let parsed = SecretName(parsing: corrected ?? s.name), let kind = RotationSchedule.kind(of: parsed) else { return [] }
        let production = parsed.environment == "prod"
        let severity: Finding.Severity = !production ? .note : kind == .apiKey ? .warning : .error
        let fix = "lwexec rotate \(s.name) --schedule \(kind.maxDays)d --lambda ARN"
        let scope = production ? "" : " in production (here at most a note)"
        if !s.rotationEnabled {
            return [Finding(rule: "rotation-disabled", secret: s.name, severity: severity,
                            message: "the SOP rotates \(kind.rawValue)s at least every \(kind.maxDays) days\(scope); rotation is off"
                                + (kind == .apiKey ? " (if the provider supports it)" : ""),
                            fix: fix)]
        }
        if let days = s.rotationIntervalDays, days > Double(kind.maxDays) {
            return [Finding(rule: "rotation-interval", secret: s.name, severity: severity,
                            message: "the SOP rotates \(kind.rawValue)s at least every \(kind.maxDays) days\(scope); this one rotates every \(Self.format(days)) days",
                            fix: fix)]
        }
        return []
    }

    static func format(_ d: Double) -> String {
        Int(exactly: d).map { String($0) } ?? String(d)
    }
}
