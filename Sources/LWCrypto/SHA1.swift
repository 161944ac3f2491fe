import CCrypto

extension Digest {
    /// The SHA-1 digest of a string's UTF-8 bytes: only for names that other tools derive with it
    /// (the AWS CLI's SSO token cache file names), never for security.
    public static func sha1(_ string: String) -> [UInt8] {
        evp(Array(string.utf8), CryptoLibrary.api.pointee.evp_sha1(), size: 20)
    }
}
