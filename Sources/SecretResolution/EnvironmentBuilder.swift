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
        // Linear searches, not a set and a dictionary: a few secrets and a few dozen inherited variables
        // are compared faster than all hashed, and this runs on every warm start.
        var out: [(String, String)] = []
        out.reserveCapacity(inherited.count + resolution.variables.count)
        let first = firstOccurrences(inherited)
        for (i, (name, value)) in inherited.enumerated() where first[i] {
            guard let s = resolution.variables.last(where: { same($0.name, name) }) else { out.append((name, value)); continue }
            switch mode {
            case .inheritedWins:
                notices.append("\(name): the inherited environment overrides \(s.secret) (--keep-env)")
                out.append((name, value))
            default:
                notices.append("\(name): \(s.secret) overrides the inherited environment")
                out.append((name, s.value))
            }
        }
        for v in resolution.variables where !inherited.contains(where: { same($0.0, v.name) }) {
            out.append((v.name, v.value))
        }
        return (out, notices)
    }

    /// Whether each variable is the first of its name (the one getenv finds): compared pairwise in a
    /// usual environment, hashed past a few hundred variables.
    static func firstOccurrences(_ variables: [(String, String)]) -> [Bool] {
        if variables.count > 256 {
            var seen = Set<String>()
            return variables.map { seen.insert($0.0).inserted }
        }
        return variables.indices.map { i in !variables[..<i].contains { same($0.0, variables[i].0) } }
    }

    /// String equality that compares lengths first (most names differ in length, and that is one load).
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }
}
