/// "Did you mean ...?" for a prefix or a name that matched nothing: close by edit distance, and
/// always in the environment the user typed (`sameEnvironment`).
public enum Suggestions {
    /// Up to three existing prefixes (the folders of `names`, not those above `prefix`) closest to
    /// `prefix` by edit distance.
    public static func closestPrefixes(to prefix: String, names: [String], limit: Int = 3) -> [String] {
        var folders = Set<String>()
        for name in names {
            var parts = name.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            while !parts.isEmpty {
                let f = parts.joined(separator: "/")
                if !f.isEmpty { folders.insert(f) }
                parts = parts.dropLast()
            }
        }
        folders = Set(sameEnvironment(as: prefix, folders.sorted()))
        folders.remove(prefix)
        // A folder above what was typed is no spelling of it (`/a` for `/a/backnd`): leave it out.
        folders = folders.filter { !prefix.hasPrefix($0 + "/") }
        let target = Array(prefix.utf8)
        let budget = max(3, target.count / 3)
        let scored = folders.map { f -> (String, Int) in
            let d = f.lowercased() == prefix.lowercased() ? 0 : distance(target, Array(f.utf8))
            return (f, d)
        }.filter { $0.1 <= budget }
        // A folder above a closer suggestion adds nothing to it (`/a` after `/a/backend`).
        var kept: [String] = []
        for (f, _) in scored.sorted(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }) where !kept.contains(where: { $0.hasPrefix(f + "/") }) {
            kept.append(f)
        }
        return Array(kept.prefix(limit))
    }

    /// Up to three of `names` closest to `name` by edit distance (a name that was mistyped).
    public static func closestNames(to name: String, names: [String], limit: Int = 3) -> [String] {
        let target = Array(name.utf8)
        let budget = max(3, target.count / 4)
        var scored: [(name: String, d: Int)] = []
        for n in sameEnvironment(as: name, names) where n != name {
            let d = n.lowercased() == name.lowercased() ? 0 : distance(target, Array(n.utf8))
            if d <= budget { scored.append((n, d)) }
        }
        scored.sort { $0.d != $1.d ? $0.d < $1.d : $0.name < $1.name }
        return scored.prefix(limit).map { $0.name }
    }

    /// The candidates in the environment `typed` names: its first path segment (`/prod/...` vs
    /// `/non-prod/...`), so that no suggestion points a run at another environment. When no candidate
    /// has that segment, the one segment closest to it stands for it (`/nonprod` → `/non-prod`, never
    /// `/prod`); when none is close, or two are equally close, there is no suggestion.
    /// A name without a leading `/` has no environment: the candidates are unchanged.
    public static func sameEnvironment(as typed: String, _ candidates: [String]) -> [String] {
        guard let env = environment(of: typed) else { return candidates }
        var segments = Set<Substring>()
        for c in candidates { if let e = environment(of: c) { segments.insert(e) } }
        var chosen = env
        if !segments.contains(env) {
            let target = Array(env.utf8)
            let scored = segments.map { ($0, distance(target, Array($0.utf8))) }
            guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, env.utf8.count / 3),
                  scored.filter({ $0.1 == best.1 }).count == 1 else { return [] }
            chosen = best.0
        }
        return candidates.filter { environment(of: $0) == chosen }
    }

    /// The first path segment of an absolute name (`/prod/backend/x` → `prod`), nil for other names.
    static func environment(of name: String) -> Substring? {
        guard name.hasPrefix("/") else { return nil }
        let rest = name.dropFirst()
        return rest.firstIndex(of: "/").map { rest[..<$0] } ?? rest
    }

    /// Levenshtein distance between two byte strings.
    public static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
