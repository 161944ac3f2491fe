/// A secret name split along the SOP's pattern `/{environment}/{service}/{secret_type}`.
///
/// Parsing only checks the shape (a leading `/` and three non-empty segments); whether the
/// segments follow the rules is `NamingPolicy`'s job, so tags can be derived even from a
/// name written with `--force`.
public struct SecretName: Sendable, Equatable, CustomStringConvertible {
    public var environment: String
    public var service: String
    public var secretType: String

    public init(environment: String, service: String, secretType: String) {
        self.environment = environment
        self.service = service
        self.secretType = secretType
    }

    /// The three segments of `/a/b/c`; nil for any other shape.
    public init?(parsing name: String) {
        guard name.hasPrefix("/") else { return nil }
        let parts = name.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(environment: String(parts[0]), service: String(parts[1]), secretType: String(parts[2]))
    }

    public var description: String { "/\(environment)/\(service)/\(secretType)" }
}
