import LWCrypto
import LWEncoding

extension SigV4 {
    /// The derived key HMAC("AWS4"+secret, date, region, service, "aws4_request"); valid for that day, region and service only.
    public static func signingKey(secret: String, date: AmzDate, region: String, service: String) -> [UInt8] {
        var key = Array("AWS4\(secret)".utf8)
        for part in [date.short, region, service, "aws4_request"] {
            key = Digest.hmacSHA256(key: key, data: part)
        }
        return key
    }

    /// The lowercase hex HMAC-SHA256 of the string to sign under the signing key: the request's signature.
    public static func signature(stringToSign: String, signingKey: [UInt8]) -> String {
        Encoding.hex(Digest.hmacSHA256(key: signingKey, data: stringToSign))
    }
}
