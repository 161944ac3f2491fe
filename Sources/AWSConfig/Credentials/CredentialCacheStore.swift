/// Where temporary credentials are kept between runs (lwexec's keyring cache implements it).
///
/// Keys are built from a provider's inputs (role ARN, source identity, SSO account and role...),
/// so a changed configuration never reuses another identity's credentials.
public protocol CredentialCacheStore: Sendable {
    /// The credentials stored under `key`, or nil.
    func load(key: String) -> Credentials?
    /// Keeps `c` under `key` (only credentials with an expiration are stored).
    func store(_ c: Credentials, key: String)
}

/// How temporary credentials are reused: never within 5 minutes of their expiry.
public enum CredentialFreshness {
    /// Seconds before expiry at which credentials count as expired (lwexec's runs are short).
    public static let marginSeconds = 300

    /// Whether `c` may still be used now.
    public static func isFresh(_ c: Credentials, now: Int = Clock.epochSeconds()) -> Bool {
        guard let exp = c.expiration else { return true }
        return exp - marginSeconds > now
    }
}

extension CredentialContext {
    /// The same context for another profile (a `source_profile`): environment keys no longer apply.
    package func forProfile(_ name: String) -> CredentialContext {
        var c = self
        c.profileName = name
        c.profileFromFlag = true
        c.profileExplicit = true
        return c
    }

    /// The CA bundle to trust: `AWS_CA_BUNDLE`, else the profile's `ca_bundle` (`~/` expanded).
    public var caBundle: String? {
        if let v = env["AWS_CA_BUNDLE"] { return v }
        guard let p = profile["ca_bundle"], !p.isEmpty else { return nil }
        return env.expandTilde(p)
    }
}
