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
/// writer gets a miss, never a mix. An entry takes at most `maxParts` parts: a larger one is not
/// written at all (`CacheStoreError.tooLarge`), since it could never be read back.
public struct ResolutionCache: Sendable {
    public static let entryPrefix = "lwexec:v1:env:"
    /// The most parts an entry is split into, and read back from: 63 keys of 32,767 bytes, 2,064,321
    /// bytes, about what the kernel lets a command's environment take with the usual 8 MiB stack
    /// (2 MiB, `ArgumentSpace`), so a larger entry could hardly be started anyway.
    public static let maxParts = 63
    /// The largest entry stored: `maxParts` keys of `Keyring.maxPayload` bytes.
    public static let maxEntryBytes = maxParts * Keyring.maxPayload
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
        guard let manifest = Manifest(head), manifest.count <= Self.maxParts else { return nil }
        var bytes: [UInt8] = []
        for i in 0..<manifest.count {
            guard let part = keyring.read("\(key)#\(i)") else { return nil }
            bytes += part
        }
        guard Encoding.hex(Fingerprint.sha256(bytes)) == manifest.checksum else { return nil }
        return CacheEntry(decoding: bytes)
    }

    /// Stores an entry; its kernel expiry covers the TTL and the stale window. An entry over
    /// `maxEntryBytes` is not stored, and a failed write leaves nothing behind: either way the entry
    /// that was under `key` goes too (it is older than what was just resolved).
    public func store(_ entry: CacheEntry, key: String) throws(CacheStoreError) {
        let bytes = entry.encoded()
        guard bytes.count <= Self.maxEntryBytes else {
            remove(key)
            throw .tooLarge(bytes: bytes.count)
        }
        let timeout = entry.ttl + entry.staleIfError
        let size = Keyring.maxPayload
        let count = bytes.count <= size ? 0 : (bytes.count + size - 1) / size
        do {
            if count == 0 {
                try keyring.write(key, bytes, timeout: timeout)
            } else {
                for i in 0..<count {
                    try keyring.write("\(key)#\(i)", Array(bytes[(i * size)..<min(bytes.count, (i + 1) * size)]), timeout: timeout)
                }
                try keyring.write(key, Array("P\(count):\(Encoding.hex(Fingerprint.sha256(bytes)))".utf8), timeout: timeout)
            }
        } catch {
            remove(key)
            throw .keyring(error)
        }
        removeParts(of: key, from: count)  // an earlier, longer entry's
    }

    /// Removes an entry and its parts.
    public func remove(_ key: String) {
        keyring.remove(key)
        removeParts(of: key, from: 0)
    }

    /// Removes parts `#first`, `#first+1`... while they exist.
    private func removeParts(of key: String, from first: Int) {
        var i = first
        while let id = keyring.find("\(key)#\(i)") { keyring.unlink(id); i += 1 }
    }

    /// Every readable entry's key and contents (`inventory()` has the unreadable ones too).
    public func entries() -> [(key: String, entry: CacheEntry)] {
        keyring.descriptions().filter { $0.hasPrefix(Self.entryPrefix) && !$0.contains("#") }.sorted().compactMap { key in
            load(key).map { (key, $0) }
        }
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

/// A split entry's head: `P<count>:<sha256 of the whole entry>`.
struct Manifest {
    var count: Int
    var checksum: Substring

    init?(_ head: [UInt8]) {
        let fields = String(decoding: head.dropFirst(), as: UTF8.self).split(separator: ":")
        guard head.first == UInt8(ascii: "P"), fields.count == 2, let count = Int(fields[0]), count > 0 else { return nil }
        self.count = count
        checksum = fields[1]
    }
}

/// Why an entry was not stored; the run goes on uncached, and `-v` shows `description`.
public enum CacheStoreError: Error, Sendable, CustomStringConvertible {
    /// Over `ResolutionCache.maxEntryBytes`: nothing was stored.
    case tooLarge(bytes: Int)
    /// The keyring refused a write (over the key quota, typically).
    case keyring(KeyringError)

    public var description: String {
        switch self {
        case .tooLarge(let bytes):
            return "not cached: the entry is \(NumberText.grouped(bytes)) bytes, over the "
                + "\(NumberText.grouped(ResolutionCache.maxEntryBytes))-byte limit of the keyring cache "
                + "(\(ResolutionCache.maxParts) keys of \(NumberText.grouped(Keyring.maxPayload)) bytes); nothing was stored"
        case .keyring(let error):
            return "cache not used: \(error)"
        }
    }
}
