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
    /// The cached credentials under `key` when still fresh, else `fetch()`'s, stored for next time.
    ///
    /// Fetched credentials are used even when they are short-lived: they are the freshest there are.
    func cached(_ key: String, _ fetch: () throws(AWSError) -> Credentials) throws(AWSError) -> Credentials {
        if let cache = credentialCache, let c = cache.load(key: key), CredentialFreshness.isFresh(c) {
            log.debug("credentials for \(c.source) from the cache")
            return c
        }
        let c = try fetch()
        if let cache = credentialCache, c.expiration != nil { cache.store(c, key: key) }
        return c
    }

    /// The same context for another profile (a `source_profile`): environment keys no longer apply.
    func forProfile(_ name: String) -> CredentialContext {
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

    /// Milliseconds left before the deadline (a large number when there is none).
    var remainingMs: Int {
        guard let d = deadlineMs else { return 600_000 }
        return d - Clock.monotonicMs()
    }
}
