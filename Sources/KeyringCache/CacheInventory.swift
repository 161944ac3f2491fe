import CKeyutils
import LWEncoding
import LWJSON

/// Every `lwexec:` key in the lwexec keyring, readable or not: what `cache list` shows and
/// `cache clear` removes.
///
/// Nothing in the keyring is trusted (docs/security.md), and not everything in it can be served: a
/// head whose parts expired or were unlinked, a payload another program rewrote, an entry an earlier
/// lwexec wrote over the size it reads back, a part whose head is gone, a key of another version.
/// The launcher treats each as a miss; here they are shown, and removed, instead of staying until the
/// kernel expires them. Name lists and cached credentials are their own caches' (`NameListCache`,
/// `KeyringCredentialCache`), readable or not, and are not listed.
extension ResolutionCache {
    /// One entry (a head with its parts), or one key that is no entry.
    public struct Stored: Sendable {
        /// The head's description (for parts without a head, the head they would have).
        public var key: String
        public var state: State
        /// Every key it is made of: unlinked together.
        var ids: [key_serial_t]
    }

    public enum State: Sendable {
        case readable(CacheEntry)
        /// Why it cannot be served; what it was for when its payload still says (nil: not known).
        case unreadable(reason: String, purpose: Purpose?)
    }

    /// What an unreadable entry was resolved for, read leniently from what is left of it.
    public struct Purpose: Sendable {
        public var prefixes: [String]
        public var secrets: [String]
        /// Names of the secrets its variables came from.
        var secretNames: [String]
    }

    /// What `clear` removed: entries, of which `unreadable` could not be read.
    public struct Cleared: Sendable, Equatable {
        public var entries: Int
        public var unreadable: Int

        public init(entries: Int = 0, unreadable: Int = 0) {
            self.entries = entries
            self.unreadable = unreadable
        }
    }

    /// Every entry and other `lwexec:` key of the keyring, by key.
    public func inventory() -> [Stored] {
        var heads: [String: key_serial_t] = [:]
        var parts: [String: [key_serial_t]] = [:]
        var out: [Stored] = []
        for k in keyring.keys() where k.description.hasPrefix(Keyring.ownPrefix) {
            let d = k.description
            if d.hasPrefix(Self.entryPrefix) && k.type == "user" {
                if let hash = d.firstIndex(of: "#") {
                    parts[String(d[..<hash]), default: []].append(k.id)
                } else {
                    heads[d] = k.id
                }
            } else if k.type == "user" && (d.hasPrefix(NameListCache.entryPrefix) || d.hasPrefix(KeyringCredentialCache.prefix)) {
                continue
            } else {
                out.append(Stored(key: d, state: .unreadable(reason: "not a key this lwexec writes", purpose: nil), ids: [k.id]))
            }
        }
        for (key, id) in heads {
            out.append(Stored(key: key, state: inspect(key), ids: [id] + (parts[key] ?? [])))
        }
        for (key, ids) in parts where heads[key] == nil {
            out.append(Stored(key: key, state: .unreadable(reason: "parts without a head", purpose: nil), ids: ids))
        }
        return out.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// Removes the entries resolved for `prefix` or below, readable or not (an unreadable one only
    /// when what is left of it names the prefix); with nil, every `lwexec:` key but name lists and
    /// credentials, which their own caches clear.
    @discardableResult
    public func clear(prefix: String?) -> Cleared {
        var cleared = Cleared()
        for stored in inventory() {
            if let prefix {
                switch stored.state {
                case .readable(let e):
                    guard Self.names(prefix, prefixes: e.prefixes, secretNames: Array(e.secretNames)) else { continue }
                case .unreadable(_, let purpose):
                    guard let p = purpose, Self.names(prefix, prefixes: p.prefixes, secretNames: p.secretNames) else { continue }
                }
            }
            for id in stored.ids { keyring.unlink(id) }
            cleared.entries += 1
            if case .unreadable = stored.state { cleared.unreadable += 1 }
        }
        return cleared
    }

    /// Whether an entry for `prefixes` holding `secretNames` was resolved for `prefix` or below it.
    static func names(_ prefix: String, prefixes: [String], secretNames: [String]) -> Bool {
        let norm = prefix.count > 1 && prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        return prefixes.contains { $0 == norm || $0.hasPrefix(norm + "/") }
            || secretNames.contains { $0 == norm || $0.hasPrefix(norm + "/") }
    }

    /// The state of the entry under `key`, read as `load` reads it but saying why it cannot be served.
    func inspect(_ key: String) -> State {
        guard let head = keyring.read(key) else { return .unreadable(reason: "cannot be read", purpose: nil) }
        var bytes = head
        if head.first == UInt8(ascii: "P") {
            guard let manifest = Manifest(head) else { return .unreadable(reason: "not a valid entry", purpose: nil) }
            bytes = []
            var i = 0
            while i < manifest.count {
                guard let part = keyring.read("\(key)#\(i)") else { return .unreadable(reason: "its parts are missing", purpose: nil) }
                bytes += part
                i += 1
            }
            guard Encoding.hex(Fingerprint.sha256(bytes)) == manifest.checksum else {
                return .unreadable(reason: "its parts do not match its checksum", purpose: nil)
            }
            if manifest.count > Self.maxParts {
                return .unreadable(reason: "\(manifest.count) parts, more than the \(Self.maxParts) lwexec reads",
                                   purpose: Self.purpose(bytes))
            }
        }
        if let entry = CacheEntry(decoding: bytes) { return .readable(entry) }
        return .unreadable(reason: "not a valid entry", purpose: Self.purpose(bytes))
    }

    /// The prefixes, `--secret`s and secret names an entry's JSON still holds, whatever else is wrong
    /// with it; nil when it holds no list of prefixes.
    static func purpose(_ bytes: [UInt8]) -> Purpose? {
        guard let doc = try? JSON.parse(bytes), let prefixes = strings(doc["prefixes"]) else { return nil }
        var names: [String] = []
        for v in doc["vars"]?.array ?? [] {
            if let a = v.array, a.count > 2, let name = a[2].string { names.append(name) }
        }
        return Purpose(prefixes: prefixes, secrets: strings(doc["secrets"]) ?? [], secretNames: names)
    }

    private static func strings(_ v: JSONValue?) -> [String]? {
        guard let a = v?.array else { return nil }
        var out: [String] = []
        for e in a {
            guard let s = e.string else { return nil }
            out.append(s)
        }
        return out
    }
}
