import CCrypto

/// Cryptographically strong randomness from OpenSSL's RAND_bytes.
public enum SecureRandom {
    /// `count` random bytes; nil only if the generator cannot be seeded.
    public static func bytes(_ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        guard count == 0 || CryptoLibrary.api.pointee.rand_bytes(&out, Int32(count)) == 1 else { return nil }
        return out
    }

    /// A random value in `0..<upperBound`, for retry jitter.
    public static func uniform(_ upperBound: UInt64) -> UInt64 {
        guard upperBound > 0, let b = bytes(8) else { return 0 }
        let v = b.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return v % upperBound
    }
}
