extension CredentialContext {
    /// The cached credentials under `key` when still fresh, else `fetch()`'s, stored for next time.
    ///
    /// Fetched credentials are used even when they are short-lived: they are the freshest there are;
    /// but expired ones are refused (`CredentialExpiry`), and so are credentials unfit for a header
    /// (`HeaderSafety`), before they are stored. A cached entry without an expiration is not one lwexec
    /// stored (it stores only temporary credentials), and one unfit for a header is not one it would
    /// store: either is fetched again.
    func cached(_ key: String, _ fetch: () throws(AWSError) -> Credentials) throws(AWSError) -> Credentials {
        if let cache = credentialCache, let c = cache.load(key: key), c.expiration != nil, CredentialFreshness.isFresh(c),
           (try? c.checkedForHeaders()) != nil {
            log.debug("credentials for \(c.source) from the cache")
            return c
        }
        let c = try fetch().checkedForHeaders()
        try CredentialExpiry.check(c)
        if let cache = credentialCache, c.expiration != nil { cache.store(c, key: key) }
        return c
    }

    /// Milliseconds left before the deadline (a large number when there is none).
    var remainingMs: Int {
        guard let d = deadlineMs else { return 600_000 }
        return d - Clock.monotonicMs()
    }
}
