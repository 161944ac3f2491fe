/// The SOP's required tags — `Environment`, `ManagedBy`, `Service`, `SecretType` — derived from a secret's name.
public enum RequiredTags {
    public static let environment = "Environment"
    public static let managedBy = "ManagedBy"
    public static let service = "Service"
    public static let secretType = "SecretType"
    /// The four keys every secret carries, in the SOP's order.
    public static let keys = [environment, managedBy, service, secretType]
    /// The `ManagedBy` values the SOP knows.
    public static let managedByValues = ["Terraform", "Manual"]
    /// `ManagedBy` for secrets lwexec creates unless told otherwise (`--managed-by`): a person ran it.
    public static let defaultManagedBy = "Manual"

    /// The tags a name implies: `Environment`, `Service` and `SecretType` from its segments.
    public static func derived(from name: SecretName) -> [String: String] {
        [environment: name.environment, service: name.service, secretType: name.secretType]
    }

    /// The tags a write applies: derived from the name, `ManagedBy` (`managedBy`, default Manual) unless
    /// the secret already has a valid one (Terraform's stays Terraform's), then the user's `--tag`s over all.
    public static func desired(for name: SecretName?, existing: [String: String], overrides: [String: String],
                               managedBy managed: String = defaultManagedBy) -> [String: String] {
        var tags = name.map(derived(from:)) ?? [:]
        if !managedByValues.contains(existing[managedBy] ?? "") { tags[managedBy] = managed }
        for (k, v) in overrides { tags[k] = v }
        return tags
    }

    /// The tags of `desired` that `existing` lacks or holds with another value: what a `TagResource` must send.
    public static func changes(desired: [String: String], existing: [String: String]) -> [String: String] {
        desired.filter { existing[$0.key] != $0.value }
    }

    /// Parses a `--tag KEY=VALUE` argument (the value may be empty and may contain `=`).
    public static func parse(_ text: String) -> (key: String, value: String)? {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }
}
