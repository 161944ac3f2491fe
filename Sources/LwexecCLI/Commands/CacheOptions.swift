import ExecCore
import ArgumentParser

/// `--cache` and its settings, shared by `exec` and `env`.
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("cache"), inversion: .prefixedNo, exclusivity: .chooseLast,
          help: "Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).")
    var cache: Bool?

    @Option(name: .customLong("cache-ttl"), help: ArgumentHelp(
        "How long cached values stay fresh: 30s, 5m, 1h (default: LWEXEC_CACHE_TTL, else 5m).", valueName: "duration"))
    var cacheTTL: String?

    @Option(name: .customLong("stale-if-error"), help: ArgumentHelp(
        "Past the TTL, serve cached values this long when AWS cannot be reached (default: 1h; 0 turns it off).",
        valueName: "duration"))
    var staleIfError: String?

    func validate() throws {
        if let t = cacheTTL, parseDuration(t) == nil { throw ValidationError("--cache-ttl takes a duration such as 30s, 5m or 1h (got \(t))") }
        if let t = staleIfError, parseDuration(t, allowZero: true) == nil {
            throw ValidationError("--stale-if-error takes a duration such as 10m or 1h, or 0 (got \(t))")
        }
    }

    func apply(to o: inout ExecOptions) {
        o.cache = cache
        o.cacheTTL = cacheTTL.flatMap { parseDuration($0) }
        o.staleIfError = staleIfError.flatMap { parseDuration($0, allowZero: true) }
    }
}
