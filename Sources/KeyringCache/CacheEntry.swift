import AWSConfig
import LWJSON
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
    public var secretNames: Set<String> { Set(resolution.variables.map { $0.secret }) }

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

    /// The longest TTL or stale window an entry may carry: a week (the options' own limit).
    public static let maxWindowSeconds = 7 * 86_400
    /// The latest creation time believed: the year 9999.
    static let latestCreation = 253_402_300_799

    /// Decodes `encoded()` output strictly; nil for anything else, which the caller treats as a miss
    /// and fetches afresh. The keyring is writable by every process of the user, so nothing in an
    /// entry is trusted: numbers must be in range (no trap on any bytes), names valid variable names
    /// that occur once, values free of NUL bytes. (The hijack guard runs on what is served, too.)
    public init?(decoding bytes: [UInt8]) {
        guard let doc = try? JSON.parse(bytes), doc["v"] == .number("1"),
              let created = doc["created"]?.int, (0...Self.latestCreation).contains(created),
              let ttl = doc["ttl"]?.int, (1...Self.maxWindowSeconds).contains(ttl),
              let stale = doc["stale"]?.int, (0...Self.maxWindowSeconds).contains(stale),
              let id = doc["id"]?.string, let vars = doc["vars"]?.array,
              let prefixes = Self.strings(doc["prefixes"]), let secrets = Self.strings(doc["secrets"]),
              let notices = Self.strings(doc["notices"]) else { return nil }
        var variables: [ResolvedVariable] = []
        var names = Set<String>()
        for v in vars {
            guard let a = v.array, a.count == 4, let name = a[0].string, let value = a[1].string,
                  let secret = a[2].string, let explicit = a[3].bool,
                  VariableMapping.isValidName(name), names.insert(name).inserted, !value.utf8.contains(0) else { return nil }
            variables.append(ResolvedVariable(name: name, value: value, secret: secret, explicit: explicit))
        }
        self.init(created: created, ttl: ttl, staleIfError: stale, identityHash: id, prefixes: prefixes, secrets: secrets,
                  resolution: Resolution(variables: variables, notices: notices))
    }

    /// A list of strings, or nil when it is missing or holds anything else.
    private static func strings(_ v: JSONValue?) -> [String]? {
        guard let a = v?.array else { return nil }
        var out: [String] = []
        out.reserveCapacity(a.count)
        for e in a {
            guard let s = e.string else { return nil }
            out.append(s)
        }
        return out
    }
}
