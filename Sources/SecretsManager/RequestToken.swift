import LWCrypto
import LWEncoding

/// `ClientRequestToken`s: the idempotency key of a write.
///
/// The service makes at most one version per token, so a write whose answer was lost can be
/// sent again with the same token without making a second version. `AWSJSONClient` builds a
/// call's body once and resends it on retries, so the token travels unchanged with them.
public enum RequestToken {
    /// A random UUID version 4 (RFC 9562) from `RAND_bytes`, lowercase; nil if the generator fails.
    public static func uuid4() -> String? {
        guard var b = SecureRandom.bytes(16) else { return nil }
        b[6] = (b[6] & 0x0f) | 0x40 // version 4
        b[8] = (b[8] & 0x3f) | 0x80 // variant 10
        let h = Array(Encoding.hex(b))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }
        return groups.joined(separator: "-")
    }
}
