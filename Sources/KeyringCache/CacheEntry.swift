import AWSCore
import SecretResolution

/// One cached resolution: the variables `exec` would inject, with what they were resolved for.
public struct CacheEntry: Sendable, Equatable {
    /// Epoch seconds when resolved.
    public var created: Int
    /// Seconds the entry is fresh.
    public var ttl: Int
    /// Seconds past `ttl` it may still serve when AWS cannot be reached.
    public var staleIfError: Int
    /// A short hash of the caller's identity (never the identity itself).
    public var identityHash: String
    public var prefixes: [String]
    /// The `--secret` arguments as given.
    public var secrets: [String]
    public var resolution: Resolution

    public init(created: Int, ttl: Int, staleIfError: Int, identityHash: String, prefixes: [String], secrets: [String],
                resolution: Resolution) {
        self.created = created
        self.ttl = ttl
        self.staleIfError = staleIfError
        self.identityHash = identityHash
        self.prefixes = prefixes
        self.secrets = secrets
        self.resolution = resolution
    }

    /// Fresh at `now`: younger than its TTL (and not from the future).
    public func isFresh(at now: Int) -> Bool { now >= created - 60 && now < created + ttl }

    /// Usable as a stale fallback at `now`.
    public func isUsableStale(at now: Int) -> Bool { now < created + ttl + staleIfError }

    /// Names of every secret the entry's variables came from.
    public var secretNames: Set<String> { Set(resolution.variables.map(\.secret)) }

    /// The entry as compact JSON bytes.
    public func encoded() -> [UInt8] {
        let vars = JSONValue.array(resolution.variables.map {
            .array([.string($0.name), .string($0.value), .string($0.secret), .bool($0.explicit)])
        })
        let doc = JSONValue.object([
            "v": .number("1"), "created": .number(String(created)), "ttl": .number(String(ttl)),
            "stale": .number(String(staleIfError)), "id": .string(identityHash),
            "prefixes": .array(prefixes.map { .string($0) }), "secrets": .array(secrets.map { .string($0) }),
            "vars": vars, "notices": .array(resolution.notices.map { .string($0) }),
        ])
        return Array(JSON.serialize(doc).utf8)
    }

    /// Decodes `encoded()` output; nil for anything else (an older format is a miss, not an error).
    public init?(decoding bytes: [UInt8]) {
        guard let doc = try? JSON.parse(bytes), doc["v"] == .number("1"),
              let created = doc["created"]?.int, let ttl = doc["ttl"]?.int, let stale = doc["stale"]?.int,
              let vars = doc["vars"]?.array else { return nil }
        var variables: [ResolvedVariable] = []
        for v in vars {
            guard let a = v.array, a.count == 4, let name = a[0].string, let value = a[1].string,
                  let secret = a[2].string, let explicit = a[3].bool else { return nil }
            variables.append(ResolvedVariable(name: name, value: value, secret: secret, explicit: explicit))
        }
        self.init(created: created, ttl: ttl, staleIfError: stale, identityHash: doc["id"]?.string ?? "",
                  prefixes: doc["prefixes"]?.array?.compactMap(\.string) ?? [],
                  secrets: doc["secrets"]?.array?.compactMap(\.string) ?? [],
                  resolution: Resolution(variables: variables, notices: doc["notices"]?.array?.compactMap(\.string) ?? []))
    }
}
