import AWSConfig

/// Whether and how long to cache, from the flags first, then `LWEXEC_CACHE*`, then defaults.
package struct CacheSettings: Equatable {
    package var enabled: Bool
    package var ttl: Int
    package var staleIfError: Int

    package static let defaultTTL = 300
    package static let defaultStaleIfError = 3600

    package init(_ o: ExecOptions, env: ProcessEnvironment) {
        let truthy = ["1", "true", "yes", "on"]
        enabled = o.cache ?? env["LWEXEC_CACHE"].map { truthy.contains($0.lowercased()) } ?? false
        ttl = o.cacheTTL ?? env["LWEXEC_CACHE_TTL"].flatMap { parseDuration($0) } ?? Self.defaultTTL
        staleIfError = o.staleIfError ?? env["LWEXEC_STALE_IF_ERROR"].flatMap { parseDuration($0, allowZero: true) }
            ?? Self.defaultStaleIfError
    }
}
