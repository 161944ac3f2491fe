/// AWS Signature Version 4, one public function per stage so each can be checked on its own.
///
/// `sign` chains them: signing headers, canonical request, string to sign, signing key, signature, Authorization.
public enum SigV4 {
    /// The Authorization header value that carries the credential scope, signed header names and signature.
    public static func authorization(accessKeyID: String, scope: String, signedHeaders: String, signature: String) -> String {
        "\(algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The request with the headers that must be signed set: X-Amz-Date, X-Amz-Security-Token when the credentials
    /// carry one, and X-Amz-Content-Sha256 for S3; earlier copies of these (and any Authorization) are dropped.
    public static func addingSigningHeaders(_ req: SignableRequest, credentials: SigV4Credentials,
                                            service: String, date: AmzDate) -> SignableRequest {
        var replaced: Set<String> = ["authorization", "x-amz-date"]
        if credentials.sessionToken != nil { replaced.insert("x-amz-security-token") }
        var out = req
        out.headers.removeAll { replaced.contains($0.name.lowercased()) }
        out.headers.append((name: "X-Amz-Date", value: date.long))
        if let token = credentials.sessionToken {
            out.headers.append((name: "X-Amz-Security-Token", value: token))
        }
        if service == "s3" && out.header("x-amz-content-sha256") == nil {
            out.headers.append((name: "X-Amz-Content-Sha256", value: payloadHash(out.body)))
        }
        return out
    }

    /// Adds X-Amz-Date, X-Amz-Security-Token (when a session token is present; it is signed), and Authorization;
    /// returns the signed request. All other headers given, including Host, are signed as they are.
    public static func sign(_ req: SignableRequest, credentials: SigV4Credentials,
                            region: String, service: String, date: AmzDate) -> SignableRequest {
        var out = addingSigningHeaders(req, credentials: credentials, service: service, date: date)
        let hash = out.header("x-amz-content-sha256") ?? payloadHash(out.body)
        let creq = canonicalRequest(out, payloadHash: hash, normalizePath: service != "s3")
        let scope = credentialScope(date: date, region: region, service: service)
        let sts = stringToSign(canonicalRequest: creq, date: date, scope: scope)
        let key = signingKey(secret: credentials.secretAccessKey, date: date, region: region, service: service)
        let value = authorization(accessKeyID: credentials.accessKeyID, scope: scope,
                                  signedHeaders: canonicalHeaders(out.headers).signed,
                                  signature: signature(stringToSign: sts, signingKey: key))
        out.headers.append((name: "Authorization", value: value))
        return out
    }
}
