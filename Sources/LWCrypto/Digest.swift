import CCrypto

/// SHA-256, SHA-1 and HMAC-SHA256 over libcrypto, on byte arrays.
public enum Digest {
    /// The SHA-256 digest of `data`.
    public static func sha256(_ data: [UInt8]) -> [UInt8] {
        evp(data, CryptoLibrary.api.pointee.evp_sha256(), size: 32)
    }

    /// The SHA-256 digest of a string's UTF-8 bytes.
    public static func sha256(_ string: String) -> [UInt8] {
        sha256(Array(string.utf8))
    }

    /// HMAC-SHA256 of `data` under `key`.
    public static func hmacSHA256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        let api = CryptoLibrary.api.pointee
        var out = [UInt8](repeating: 0, count: 32)
        var len: UInt32 = 0
        key.withUnsafeBufferPointer { k in
            data.withUnsafeBufferPointer { d in
                _ = api.hmac(api.evp_sha256(), k.baseAddress, Int32(k.count), d.baseAddress, d.count, &out, &len)
            }
        }
        return out
    }

    /// HMAC-SHA256 of a string's UTF-8 bytes under `key`.
    public static func hmacSHA256(key: [UInt8], data: String) -> [UInt8] {
        hmacSHA256(key: key, data: Array(data.utf8))
    }

    static func evp(_ data: [UInt8], _ md: OpaquePointer?, size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        var len: UInt32 = 0
        data.withUnsafeBufferPointer { buf in
            _ = CryptoLibrary.api.pointee.evp_digest(buf.baseAddress, buf.count, &out, &len, md, nil)
        }
        return out
    }
}
