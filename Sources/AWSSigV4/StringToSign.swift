import LWCrypto
import LWEncoding

extension SigV4 {
    /// The only signing algorithm this module implements.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The credential scope `YYYYMMDD/region/service/aws4_request`, which binds a signature to one day, region and service.
    public static func credentialScope(date: AmzDate, region: String, service: String) -> String {
        "\(date.short)/\(region)/\(service)/aws4_request"
    }

    /// The string to sign: algorithm, X-Amz-Date, scope and the hex SHA-256 of the canonical request, one per line.
    public static func stringToSign(canonicalRequest: String, date: AmzDate, scope: String) -> String {
        [algorithm, date.long, scope, Encoding.hex(Digest.sha256(canonicalRequest))].joined(separator: "\n")
    }
}
