/// What the user asked to resolve: prefixes, named secrets, and the options that shape the result.
public struct ResolutionRequest: Sendable, Equatable {
    /// Path prefixes in the order given; later ones override earlier ones.
    public var prefixes: [String]
    /// `--secret NAME[=VAR]`, in order; they override prefixes.
    public var secrets: [SecretRef]
    /// Take secrets in sub-paths too (`/` becomes `_`).
    public var recursive: Bool
    /// Prepended to every derived variable name (not to an explicit `=VAR`).
    public var envPrefix: String
    /// A JSON-object secret becomes one variable per key.
    public var expandJSON: Bool
    /// A prefix with no secrets is not an error.
    public var allowEmpty: Bool
    /// `--allow-variable`: variables a secret may set although `HijackGuard` guards them.
    public var allowedVariables: [String]

    public init(prefixes: [String] = [], secrets: [SecretRef] = [], recursive: Bool = false, envPrefix: String = "",
                expandJSON: Bool = false, allowEmpty: Bool = false, allowedVariables: [String] = []) {
        self.prefixes = prefixes
        self.secrets = secrets
        self.recursive = recursive
        self.envPrefix = envPrefix
        self.expandJSON = expandJSON
        self.allowEmpty = allowEmpty
        self.allowedVariables = allowedVariables
    }

    /// The prefixes normalized (trailing `/` removed), in order, without repeats.
    public var normalizedPrefixes: [String] {
        var seen = Set<String>(), out: [String] = []
        for p in prefixes.map(PrefixMatching.normalize) where seen.insert(p).inserted { out.append(p) }
        return out
    }
}

/// A `--secret NAME[=VAR]` argument.
public struct SecretRef: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    /// The variable it goes into; nil to derive it from the last path segment.
    public var variable: String?

    public init(name: String, variable: String? = nil) {
        self.name = name
        self.variable = variable
    }

    /// Parses `NAME[=VAR]`. Secret names may contain `=`, so only a last `=` followed by a
    /// valid variable name separates the two.
    public init?(parsing text: String) {
        if let eq = text.lastIndex(of: "="), eq != text.startIndex {
            let variable = String(text[text.index(after: eq)...])
            if VariableMapping.isValidName(variable) {
                self.init(name: String(text[..<eq]), variable: variable)
                return
            }
        }
        guard !text.isEmpty else { return nil }
        self.init(name: text, variable: nil)
    }

    public var description: String { variable.map { "\(name)=\($0)" } ?? name }
}
