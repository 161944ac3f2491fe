import LWSystem

/// How resolved secrets meet the inherited environment.
public enum EnvironmentMode: Sendable, Equatable {
    /// Secrets override inherited variables (the default).
    case secretsWin
    /// Inherited variables override secrets (`--keep-env`).
    case inheritedWins
    /// The child gets only the secrets (`--pristine`).
    case pristine
}

/// Builds the child's environment from the inherited one and the resolved variables.
///
/// Inherited names and values are bytes, passed through exactly as they came in `environ` (valid
/// UTF-8 or not); secret variables are UTF-8 text.
public enum EnvironmentBuilder {
    /// One variable as the child gets it.
    public typealias Entry = (name: [UInt8], value: [UInt8])

    /// The environment in order (inherited first, then new variables), and one notice per override.
    public static func build(inherited: [Entry], resolution: Resolution,
                             mode: EnvironmentMode) -> (environment: [Entry], notices: [String]) {
        var notices = resolution.notices
        if mode == .pristine {
            return (resolution.variables.map { (Array($0.name.utf8), Array($0.value.utf8)) }, notices)
        }
        // Linear searches while they are few: a few secrets against a few dozen inherited variables are
        // compared faster than all hashed, and this runs on every warm start. Hashed beyond that.
        var out: [Entry] = []
        out.reserveCapacity(inherited.count + resolution.variables.count)
        let first = firstOccurrences(inherited)
        let secret = lookup(resolution.variables, comparisons: inherited.count)
        for (i, entry) in inherited.enumerated() where first[i] {
            guard let s = secret(entry.name) else { out.append(entry); continue }
            switch mode {
            case .inheritedWins:
                notices.append("\(s.name): the inherited environment overrides \(s.secret) (--keep-env)")
                out.append(entry)
            default:
                notices.append("\(s.name): \(s.secret) overrides the inherited environment")
                out.append((entry.name, Array(s.value.utf8)))
            }
        }
        let isInherited = membership(inherited.map { $0.name }, comparisons: resolution.variables.count)
        for v in resolution.variables {
            let name = Array(v.name.utf8)
            if !isInherited(name) { out.append((name, Array(v.value.utf8))) }
        }
        return (out, notices)
    }

    /// The last secret variable of a name (later ones win), by linear search when `comparisons`
    /// lookups over few variables are cheap, else through a dictionary.
    static func lookup(_ variables: [ResolvedVariable], comparisons: Int) -> ([UInt8]) -> ResolvedVariable? {
        if variables.count * comparisons <= 4096 {
            return { name in variables.last { $0.name.utf8.count == name.count && $0.name.utf8.elementsEqual(name) } }
        }
        var byName: [[UInt8]: ResolvedVariable] = [:]
        for v in variables { byName[Array(v.name.utf8)] = v }
        return { byName[$0] }
    }

    /// Membership in `names`, linear or hashed as for `lookup`.
    static func membership(_ names: [[UInt8]], comparisons: Int) -> ([UInt8]) -> Bool {
        if names.count * comparisons <= 4096 {
            return { name in names.contains { $0 == name } }
        }
        let set = Set(names)
        return { set.contains($0) }
    }

    /// Whether each variable is the first of its name (the one getenv finds): compared pairwise in a
    /// usual environment, hashed past about ninety variables.
    static func firstOccurrences(_ variables: [Entry]) -> [Bool] {
        if variables.count * variables.count / 2 > 4096 {
            var seen = Set<[UInt8]>()
            return variables.map { seen.insert($0.name).inserted }
        }
        return variables.indices.map { i in !variables[..<i].contains { $0.name == variables[i].name } }
    }
}
