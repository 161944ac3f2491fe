import AWSClient
import KeyringCache

/// Drops keyring cache entries that hold a secret lwexec just wrote, rotated or deleted,
/// so the next `--cache` run on this machine sees the change at once.
enum CacheInvalidation {
    static func secretChanged(_ name: String, log: Logger) {
        // Name lists for completion go too: a new or deleted secret shows at the next Tab.
        ((try? NameListCache.open(create: false)) ?? nil)?.clear()
        guard let cache = try? ResolutionCache.open(create: false) else { return }
        let n = cache.invalidate(secretName: name)
        if n > 0 { log.debug("dropped \(n) cached entr\(n == 1 ? "y" : "ies") holding \(name)") }
    }
}
