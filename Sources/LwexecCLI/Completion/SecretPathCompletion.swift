/// Completion candidates from secret names: pure rules, no I/O.
///
/// Secret names are paths (`/non-prod/backend/database_password`). A prefix completes one
/// path segment at a time, as a directory would (`/non-prod/b` → `/non-prod/backend/`);
/// a secret name completes to whole names.
enum SecretPathCompletion {
    /// The parent path to list for a typed word: everything up to and including its last `/`
    /// (`/non-prod/b` → `/non-prod/`, `/non-prod/` → `/non-prod/`); empty when it has no `/`.
    static func parent(of typed: String) -> String {
        guard let slash = typed.lastIndex(of: "/") else { return "" }
        return String(typed[...slash])
    }

    /// The sub-paths one segment below the typed word's parent that start with the typed word,
    /// each with a trailing `/`: only paths with secrets below them are prefixes.
    ///
    /// A name directly under the parent is a secret, not a prefix, and is not offered.
    static func prefixCandidates(names: [String], typed: String) -> [String] {
        let parent = parent(of: typed)
        var out = Set<String>()
        for name in names where name.hasPrefix(typed) && name.hasPrefix(parent) {
            let rest = name.dropFirst(parent.count)
            guard let slash = rest.firstIndex(of: "/") else { continue }
            out.insert(parent + rest[...slash])
        }
        return out.sorted()
    }

    /// Whole secret names that start with the typed word. A word already carrying `=VAR`
    /// (`--secret NAME=VAR`) gets nothing: the name is done.
    static func nameCandidates(names: [String], typed: String) -> [String] {
        guard !typed.contains("=") else { return [] }
        return Set(names.filter { $0.hasPrefix(typed) }).sorted()
    }
}
