import AWSConfig
import LWJSON
import LWEncoding

/// Temporary credentials (assume-role, SSO, web identity, container, IMDS) kept in the lwexec
/// keyring until five minutes before they expire, so a warm start makes no STS call.
///
/// The kernel expiry is set to that moment, so an expired key disappears on its own.
public struct KeyringCredentialCache: CredentialCacheStore {
    public static let prefix = "lwexec:v1:cred:"
    let keyringName: String
    let log: Logger

    public init(keyringName: String = Keyring.name, log: Logger) {
        self.keyringName = keyringName
        self.log = log
    }

    /// The key's description: a fingerprint of the provider's inputs, never the inputs themselves.
    static func description(_ key: String) -> String {
        prefix + String(Encoding.hex(Fingerprint.sha256("cred\u{0}" + key)).prefix(40))
    }

    public func load(key: String) -> Credentials? {
        guard let ring = try? Keyring.open(named: keyringName, create: false),
              let bytes = ring.read(Self.description(key)),
              let doc = try? JSON.parse(bytes),
              let id = doc["id"]?.string, let secret = doc["secret"]?.string else { return nil }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: doc["token"]?.string,
                           expiration: doc["exp"]?.int, source: (doc["source"]?.string ?? "cache") + ", cached")
    }

    /// Drops every cached credential; returns how many.
    @discardableResult
    public func clear() -> Int {
        guard let ring = try? Keyring.open(named: keyringName, create: false) else { return 0 }
        let keys = ring.descriptions().filter { $0.hasPrefix(Self.prefix) }
        for k in keys { ring.remove(k) }
        return keys.count
    }

    public func store(_ c: Credentials, key: String) {
        guard let exp = c.expiration else { return }
        let usable = exp - CredentialFreshness.marginSeconds - Clock.epochSeconds()
        guard usable > 0 else { return }
        var doc: [String: JSONValue] = ["id": .string(c.accessKeyID), "secret": .string(c.secretAccessKey),
                                        "exp": .number(String(exp)), "source": .string(c.source)]
        if let t = c.sessionToken { doc["token"] = .string(t) }
        do {
            guard let ring = try Keyring.open(named: keyringName, create: true) else { return }
            try ring.write(Self.description(key), Array(JSON.serialize(.object(doc)).utf8), timeout: usable)
            log.debug("credentials cached in the keyring for \(usable) s")
        } catch {
            log.debug("credentials not cached: \(error)")
        }
    }
}
