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
        let secrets = Dictionary(resolution.variables.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
        var out: [(String, String)] = []
        var placed = Set<String>()
        for (name, value) in inherited where placed.insert(name).inserted {
            guard let s = secrets[name] else { out.append((name, value)); continue }
            switch mode {
            case .inheritedWins:
                notices.append("\(name): the inherited environment overrides \(s.secret) (--keep-env)")
                out.append((name, value))
            default:
                notices.append("\(name): \(s.secret) overrides the inherited environment")
                out.append((name, s.value))
            }
        }
        for v in resolution.variables where !placed.contains(v.name) {
            out.append((v.name, v.value))
        }
        return (out, notices)
    }
}
