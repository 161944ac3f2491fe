import LWEncoding

/// What a cached name list was listed for: the same account view and parent path only.
public struct NameListKey: Sendable, Equatable {
    /// Who listed (as `CacheKey.identity`): another identity never sees these names.
    public var identity: String
    public var region: String
    public var endpoint: String
    /// The listed parent path, e.g. `/non-prod/`.
    public var parent: String

    public init(identity: String, region: String, endpoint: String, parent: String) {
        self.identity = identity
        self.region = region
        self.endpoint = endpoint
        self.parent = parent
    }

    /// The key's description in the keyring: `lwexec:v1:names:<hash of every input>`.
    public var description: String {
        let text = ["names", identity, region, endpoint, parent].joined(separator: "\u{0}")
        return NameListCache.entryPrefix + String(Encoding.hex(Fingerprint.sha256(text)).prefix(40))
    }
}

/// Secret names listed under one parent path, kept for a minute so that shell completion
/// answers from kernel memory while someone is typing; never values.
///
/// One key per list, names stored relative to the parent, one per line; the kernel expiry is
/// the TTL, so an old list disappears on its own. A list larger than one key is not cached.
public struct NameListCache: Sendable {
    public static let entryPrefix = "lwexec:v1:names:"
    /// Seconds a list stays: short, so a new secret shows up in completion soon.
    public static let defaultTTL = 60
    public let keyring: Keyring

    public init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// Opens the lwexec keyring (creating it when asked).
    public static func open(named name: String = Keyring.name, create: Bool) throws(KeyringError) -> NameListCache? {
        try Keyring.open(named: name, create: create).map(NameListCache.init(keyring:))
    }

    /// The names cached for `key`, or nil when there is no (unexpired) list.
    public func load(_ key: NameListKey) -> [String]? {
        guard let bytes = keyring.read(key.description) else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "v1" else { return nil }
        return lines.dropFirst().filter { !$0.isEmpty }.map { key.parent + $0 }
    }

    /// Stores the names under `key.parent` (others are dropped) for `ttl` seconds.
    public func store(_ names: [String], key: NameListKey, ttl: Int = NameListCache.defaultTTL) throws(KeyringError) {
        let relative = names.filter { $0.hasPrefix(key.parent) && !$0.contains("\n") }.map { $0.dropFirst(key.parent.count) }
        let bytes = Array((["v1"] + relative).joined(separator: "\n").utf8)
        guard bytes.count <= Keyring.maxPayload else { return }
        try keyring.write(key.description, bytes, timeout: ttl)
    }

    /// Drops every cached list (after a write, rotation or deletion, or `cache clear`); returns how many.
    @discardableResult
    public func clear() -> Int {
        let keys = keyring.descriptions().filter { $0.hasPrefix(Self.entryPrefix) }
        for k in keys { keyring.remove(k) }
        return keys.count
    }
}
