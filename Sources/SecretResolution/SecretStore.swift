import LWSystem

/// Where secret values come from. The resolver's rules run against this protocol, so they
/// can be tested without a network; `SecretsManagerStore` is the real one.
public protocol SecretStore {
    /// Values of every secret whose name starts with each prefix plus `/` (extra names are
    /// fine: the resolver filters again), and of each named secret.
    func fetch(prefixes: [String], names: [String], recursive: Bool) throws(ResolutionError) -> FetchedSecrets

    /// Secret names near `prefix`, for suggesting what the user may have meant. Best effort: empty on any failure.
    func namesForSuggestions(near prefix: String) -> [String]

    /// The error for a named secret (`--secret`) that does not exist: where it was looked for and
    /// the closest names.
    func notFound(_ name: String) -> ResolutionError
}

extension SecretStore {
    public func notFound(_ name: String) -> ResolutionError {
        ResolutionError("secret \(name) was not found", hint: "check the name and the region")
    }
}

/// What a store found.
public struct FetchedSecrets: Sendable, Equatable {
    /// Normalized prefix to the values under it.
    public var byPrefix: [String: [SecretValue]]
    /// Secret name (as asked) to its value.
    public var byName: [String: SecretValue]
    /// Names under a prefix that were seen but not fetched because they are not direct children.
    public var deeperNames: [String: [String]]

    public init(byPrefix: [String: [SecretValue]] = [:], byName: [String: SecretValue] = [:], deeperNames: [String: [String]] = [:]) {
        self.byPrefix = byPrefix
        self.byName = byName
        self.deeperNames = deeperNames
    }
}

/// A resolution failure: what failed and what to do next.
public struct ResolutionError: Error, UserFacingError, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    /// True when AWS could not be reached or kept throttling: a cached value may stand in.
    public var unavailable: Bool

    public init(_ message: String, hint: String? = nil, unavailable: Bool = false) {
        self.message = message
        self.hint = hint
        self.unavailable = unavailable
    }

    public var description: String { message }
}
