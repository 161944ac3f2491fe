import AWSCore

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
public enum EnvironmentBuilder {
    /// The environment in order (inherited first, then new variables), and one notice per override.
    public static func build(inherited: [(String, String)], resolution: Resolution,
                             mode: EnvironmentMode) -> (environment: [(String, String)], notices: [String]) {
        var notices = resolution.notices
        if mode == .pristine {
            return (resolution.variables.map { ($0.name, $0.value) }, notices)
        }
        // Linear searches while they are few: a few secrets against a few dozen inherited variables are
        // compared faster than all hashed, and this runs on every warm start. Hashed beyond that.
        var out: [(String, String)] = []
        out.reserveCapacity(inherited.count + resolution.variables.count)
        let first = firstOccurrences(inherited)
        let secret = lookup(resolution.variables, comparisons: inherited.count)
        for (i, (name, value)) in inherited.enumerated() where first[i] {
            guard let s = secret(name) else { out.append((name, value)); continue }
            switch mode {
            case .inheritedWins:
                notices.append("\(name): the inherited environment overrides \(s.secret) (--keep-env)")
                out.append((name, value))
            default:
                notices.append("\(name): \(s.secret) overrides the inherited environment")
                out.append((name, s.value))
            }
        }
        let isInherited = membership(inherited.map(\.0), comparisons: resolution.variables.count)
        for v in resolution.variables where !isInherited(v.name) {
            out.append((v.name, v.value))
        }
        return (out, notices)
    }

    /// The last secret variable of a name (later ones win), by linear search when `comparisons`
    /// lookups over few variables are cheap, else through a dictionary.
    static func lookup(_ variables: [ResolvedVariable], comparisons: Int) -> (String) -> ResolvedVariable? {
        if variables.count * comparisons <= 4096 {
            return { name in variables.last { ProcessEnvironment.sameName($0.name, name) } }
        }
        let byName = Dictionary(variables.map { (Array($0.name.utf8), $0) }, uniquingKeysWith: { _, b in b })
        return { byName[Array($0.utf8)] }
    }

    /// Membership in `names`, linear or hashed as for `lookup`.
    static func membership(_ names: [String], comparisons: Int) -> (String) -> Bool {
        if names.count * comparisons <= 4096 {
            return { name in names.contains { ProcessEnvironment.sameName($0, name) } }
        }
        let set = Set(names.map { Array($0.utf8) })
        return { set.contains(Array($0.utf8)) }
    }

    /// Whether each variable is the first of its name (the one getenv finds): compared pairwise in a
    /// usual environment, hashed past about ninety variables.
    static func firstOccurrences(_ variables: [(String, String)]) -> [Bool] {
        if variables.count * variables.count / 2 > 4096 {
            var seen = Set<[UInt8]>()
            return variables.map { seen.insert(Array($0.0.utf8)).inserted }
        }
        return variables.indices.map { i in !variables[..<i].contains { ProcessEnvironment.sameName($0.0, variables[i].0) } }
    }
}
