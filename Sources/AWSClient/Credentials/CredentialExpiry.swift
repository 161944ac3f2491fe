/// Expired credentials are refused before anything is signed with them, whatever their source.
///
/// "Expired" is exact: `Expiration <= now`, on this machine's clock, to the second. Credentials a
/// source hands out a few minutes before their expiry are still used (they are the freshest it has,
/// and lwexec's calls take seconds); only reuse keeps a margin: the credential cache never serves
/// credentials within `CredentialFreshness.marginSeconds` of their expiry, it asks the source again
/// (`CredentialContext.cached`). Without the check, AWS would refuse the request and lwexec would
/// report its answer (an unknown or invalid key), not the cause.
enum CredentialExpiry {
    /// Throws when `c` has an expiration at or before `now`; the message names the source and the time (UTC).
    static func check(_ c: Credentials, now: Int = Clock.epochSeconds()) throws(AWSError) {
        guard let exp = c.expiration, exp <= now else { return }
        throw AWSError(.configuration,
                       "the credentials from \(c.source) expired at \(Timestamps.formatISO8601(exp)) "
                           + "(it is \(Timestamps.formatISO8601(now)) here); they were not used",
                       hint: "make the source hand out fresh credentials, and check this machine's clock (date -u)")
    }
}
