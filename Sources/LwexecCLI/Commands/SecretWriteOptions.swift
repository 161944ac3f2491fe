import ArgumentParser
import SecretPolicy

/// Options every command that writes secrets shares: extra tags and the naming override.
struct SecretWriteOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: ArgumentHelp(
        "A tag to apply, added to or overriding the required ones (repeatable).", valueName: "key=value"))
    var tags: [String] = []

    @Flag(help: "Write a name that breaks the SOP's naming convention (with a warning).")
    var force = false

    @Option(help: ArgumentHelp("ManagedBy for a secret that has none yet: Manual (default) or Terraform, as the SOP has them.",
                               valueName: "who"))
    var managedBy: String = RequiredTags.defaultManagedBy

    func validate() throws {
        guard RequiredTags.managedByValues.contains(managedBy) else {
            throw ValidationError("--managed-by takes \(RequiredTags.managedByValues.joined(separator: " or ")) (got \(managedBy))")
        }
        for t in tags where RequiredTags.parse(t) == nil {
            throw ValidationError("--tag takes KEY=VALUE (got \(t))")
        }
    }

    /// The `--tag`s as a dictionary; a later one for the same key wins.
    var tagOverrides: [String: String] {
        var out: [String: String] = [:]
        for t in tags { if let (k, v) = RequiredTags.parse(t) { out[k] = v } }
        return out
    }
}
