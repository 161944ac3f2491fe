import AWSConfig
import KeyringCache
import SecretResolution

/// The keyring side of `--cache` for one run: its key, and the entry stored under it, if any.
///
/// Reads only the keyring and what `AWSSetup` knows without a network call, so the warm-start
/// launcher can serve a hit before libcurl or libcrypto would ever be needed.
package struct CacheLookup {
    package let key: CacheKey
    package let description: String
    /// The stored entry, fresh or not (a stale one may still serve `--stale-if-error`).
    package let entry: CacheEntry?

    /// nil when the identity is only known after a network call (nothing can be keyed yet).
    /// `keyring` is the keyring's name under the user keyring (tests use their own).
    package init?(_ o: ExecOptions, setup: AWSSetup, log: Logger, keyring: String = Keyring.name) {
        guard let identity = setup.cacheIdentity else { return nil }
        key = CacheKey(identity: identity, region: setup.region, endpoint: setup.endpoint.url.description,
                       prefixes: o.resolutionRequest.normalizedPrefixes, secrets: o.secrets.map { $0.description },
                       recursive: o.recursive, expandJSON: o.expandJSON, envPrefix: o.envPrefix, allowEmpty: o.allowEmpty)
        description = key.description
        do {
            entry = try ResolutionCache.open(named: keyring, create: false)?.load(description)
        } catch {
            log.debug("cache not used: \(error)")
            entry = nil
        }
    }

    /// The entry's resolution when it is fresh and younger than `ttl` (a shorter `--cache-ttl`
    /// than the entry was stored with still applies).
    package func fresh(at now: Int, ttl: Int) -> Resolution? {
        guard let entry, entry.isFresh(at: now), now - entry.created < ttl else { return nil }
        return entry.resolution
    }

    /// The `-v` line for a hit: which key, how old, how many variables (never values).
    package func hitMessage(at now: Int) -> String {
        let age = entry.map { now - $0.created } ?? 0
        return "cache hit \(description) (\(age) s old): \(entry?.resolution.variables.count ?? 0) variable(s)"
    }
}
