/// "Did you mean ...?" for a prefix that matched nothing.
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
        folders.remove(prefix)
        // A folder above what was typed is no spelling of it (`/a` for `/a/backnd`): leave it out.
        folders = folders.filter { !prefix.hasPrefix($0 + "/") }
        let target = Array(prefix.utf8)
        let budget = max(3, target.count / 3)
        let scored = folders.map { f -> (String, Int) in
            let d = f.lowercased() == prefix.lowercased() ? 0 : distance(target, Array(f.utf8))
            return (f, d)
        }.filter { $0.1 <= budget }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map { $0.0 }
    }

    /// Up to three of `names` closest to `name` by edit distance (a name that was mistyped).
    public static func closestNames(to name: String, names: [String], limit: Int = 3) -> [String] {
        let target = Array(name.utf8)
        let budget = max(3, target.count / 4)
        var scored: [(name: String, d: Int)] = []
        for n in names where n != name {
            let d = n.lowercased() == name.lowercased() ? 0 : distance(target, Array(n.utf8))
            if d <= budget { scored.append((n, d)) }
        }
        scored.sort { $0.d != $1.d ? $0.d < $1.d : $0.name < $1.name }
        return scored.prefix(limit).map { $0.name }
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
