/// Which secret names lie under a prefix, matched case-sensitively on a path boundary.
public enum PrefixMatching {
    /// `/a/b/` and `/a/b` are the same prefix; `/` stays `/`.
    public static func normalize(_ prefix: String) -> String {
        var p = Substring(prefix)
        while p.count > 1, p.last == "/" { p = p.dropLast() }
        return String(p)
    }

    /// The name relative to `prefix` (normalized) when it lies under it: `/a/b` + `/a/b/c/d` → `c/d`.
    /// `/a/b-old/x` and `/a/B/x` are not under `/a/b`.
    public static func relativeName(_ name: String, under prefix: String) -> Substring? {
        let head = prefix.hasSuffix("/") ? prefix : prefix + "/"
        guard name.utf8.count > head.utf8.count, name.utf8.starts(with: head.utf8) else { return nil }
        // Offset in bytes, as the test above: in Characters, a combining mark after the slash
        // (`/a/e/\u{301}x`) joins the slash's Character and would be dropped with it.
        return name[name.utf8.index(name.utf8.startIndex, offsetBy: head.utf8.count)...]
    }

    /// Whether `relative` is a direct child (no further `/`).
    public static func isDirectChild(_ relative: Substring) -> Bool {
        !relative.contains("/")
    }

    /// The value to give the service's `name` filter for a prefix: the prefix and its slash.
    public static func serviceFilter(for prefix: String) -> String {
        prefix.hasSuffix("/") ? prefix : prefix + "/"
    }
}
