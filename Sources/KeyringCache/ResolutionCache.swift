import AWSConfig
import LWJSON
import LWEncoding

/// What decides a resolution's result: a cache entry is only ever served for the same inputs.
public struct CacheKey: Sendable, Equatable {
    /// Who the caller is (access key id, role ARN, ...): another identity never gets these values.
    public var identity: String
    public var region: String
    public var endpoint: String
    public var prefixes: [String]
    public var secrets: [String]
    public var recursive: Bool
    public var expandJSON: Bool
    public var envPrefix: String
    public var allowEmpty: Bool

    public init(identity: String, region: String, endpoint: String, prefixes: [String], secrets: [String],
                recursive: Bool, expandJSON: Bool, envPrefix: String, allowEmpty: Bool) {
        self.identity = identity
        self.region = region
        self.endpoint = endpoint
        self.prefixes = prefixes
        self.secrets = secrets
        self.recursive = recursive
        self.expandJSON = expandJSON
        self.envPrefix = envPrefix
        self.allowEmpty = allowEmpty
    }

    /// The key's description in the keyring: `lwexec:v1:env:<hash of every input>`.
    public var description: String {
        var text = "v1"
        for part in [identity, region, endpoint, Self.join(prefixes), Self.join(secrets),
                     recursive ? "r" : "-", expandJSON ? "j" : "-", envPrefix, allowEmpty ? "e" : "-"] {
            text += "\u{0}" + part
        }
        return ResolutionCache.entryPrefix + String(Encoding.hex(Fingerprint.sha256(text)).prefix(40))
    }

    /// `parts.joined(separator: "\u{1}")`, written out: the generic `joined` is not specialized in
    /// size-optimized builds and its runtime type lookups show on the warm-start path (docs/benchmarks.md).
    private static func join(_ parts: [String]) -> String {
        var out = ""
        for (i, p) in parts.enumerated() {
            if i > 0 { out += "\u{1}" }
            out += p
        }
        return out
    }

    /// A short, one-way name for the identity, shown by `cache list`.
    public var identityHash: String { String(Encoding.hex(Fingerprint.sha256("identity\u{0}" + identity)).prefix(12)) }
}

/// Resolutions in the kernel keyring, split over several keys when larger than one key holds.
///
/// The head key holds the entry itself, or a manifest `P<count>:<sha256>` naming parts
/// `<description>#<i>`; parts are written first and checked on read, so a reader racing a
/// writer gets a miss, never a mix.
public struct ResolutionCache: Sendable {
    public static let entryPrefix = "lwexec:v1:env:"
    public let keyring: Keyring

    public init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// Opens the lwexec keyring (creating it when asked).
    public static func open(named name: String = Keyring.name, create: Bool) throws(KeyringError) -> ResolutionCache? {
        try Keyring.open(named: name, create: create).map(ResolutionCache.init(keyring:))
    }

    /// The entry stored under `key`, if any (fresh or not: the caller decides).
    public func load(_ key: String) -> CacheEntry? {
        guard let head = keyring.read(key) else { return nil }
        guard head.first == UInt8(ascii: "P") else { return CacheEntry(decoding: head) }
        let manifest = String(decoding: head.dropFirst(), as: UTF8.self).split(separator: ":")
        guard manifest.count == 2, let count = Int(manifest[0]), count > 0, count < 64 else { return nil }
        var bytes: [UInt8] = []
        for i in 0..<count {
            guard let part = keyring.read("\(key)#\(i)") else { return nil }
            bytes += part
        }
        guard Encoding.hex(Fingerprint.sha256(bytes)) == manifest[1] else { return nil }
        return CacheEntry(decoding: bytes)
    }

    /// Stores an entry; its kernel expiry covers the TTL and the stale-if-error window.
    public func store(_ entry: CacheEntry, key: String) throws(KeyringError) {
        let bytes = entry.encoded()
        let timeout = entry.ttl + entry.staleIfError
        if bytes.count <= Keyring.maxPayload {
            try keyring.write(key, bytes, timeout: timeout)
            return
        }
        let size = Keyring.maxPayload
        let count = (bytes.count + size - 1) / size
        for i in 0..<count {
            try keyring.write("\(key)#\(i)", Array(bytes[(i * size)..<min(bytes.count, (i + 1) * size)]), timeout: timeout)
        }
        try keyring.write(key, Array("P\(count):\(Encoding.hex(Fingerprint.sha256(bytes)))".utf8), timeout: timeout)
    }

    /// Removes an entry and its parts.
    public func remove(_ key: String) {
        keyring.remove(key)
        var i = 0
        while keyring.read("\(key)#\(i)") != nil { keyring.remove("\(key)#\(i)"); i += 1 }
    }

    /// Every entry's key and contents.
    public func entries() -> [(key: String, entry: CacheEntry)] {
        keyring.descriptions().filter { $0.hasPrefix(Self.entryPrefix) && !$0.contains("#") }.sorted().compactMap { key in
            load(key).map { (key, $0) }
        }
    }

    /// Removes entries resolved for `prefix` (all entries when nil); returns how many.
    @discardableResult
    public func clear(prefix: String?) -> Int {
        var n = 0
        for (key, entry) in entries() {
            if let p = prefix {
                let norm = p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
                guard entry.prefixes.contains(where: { $0 == norm || $0.hasPrefix(norm + "/") })
                        || entry.secretNames.contains(where: { $0.hasPrefix(norm + "/") || $0 == norm }) else { continue }
            }
            remove(key)
            n += 1
        }
        // Orphaned parts (an interrupted write) go too when clearing everything.
        if prefix == nil {
            for d in keyring.descriptions() where d.hasPrefix(Self.entryPrefix) && d.contains("#") { keyring.remove(d) }
        }
        return n
    }

    /// Drops every entry holding secret `name`, after lwexec wrote to it; returns how many.
    @discardableResult
    public func invalidate(secretName name: String) -> Int {
        var n = 0
        for (key, entry) in entries() where entry.secretNames.contains(name) || entry.prefixes.contains(where: { name.hasPrefix($0 == "/" ? "/" : $0 + "/") }) {
            remove(key)
            n += 1
        }
        return n
    }
}
