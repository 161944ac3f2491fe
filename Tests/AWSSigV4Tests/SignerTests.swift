import AWSSigV4
import Testing

@Suite("sign")
struct SignerTests {
    let date = AmzDate(epochSeconds: 1_440_938_160)
    let request = SignableRequest(method: "POST", path: "/", headers: [("Host", "secretsmanager.us-east-1.amazonaws.com")],
                                  body: Array("{}".utf8))

    func credentials(_ token: String?) -> SigV4Credentials {
        SigV4Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: token)
    }

    @Test func sessionTokenIsAddedAndSigned() throws {
        let signed = SigV4.sign(request, credentials: credentials("TOKEN"), region: "us-east-1",
                                service: "secretsmanager", date: date)
        #expect(signed.header("x-amz-security-token") == "TOKEN")
        #expect(signed.header("x-amz-date") == "20150830T123600Z")
        let authz = try #require(signed.header("authorization"))
        #expect(authz.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        #expect(authz.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/secretsmanager/aws4_request, "))
    }

    @Test func noTokenMeansNoTokenHeader() throws {
        let signed = SigV4.sign(request, credentials: credentials(nil), region: "us-east-1",
                                service: "secretsmanager", date: date)
        #expect(signed.header("x-amz-security-token") == nil)
        #expect(try #require(signed.header("authorization")).contains("SignedHeaders=host;x-amz-date,"))
    }

    @Test func signingTwiceReplacesInsteadOfDuplicating() {
        let once = SigV4.sign(request, credentials: credentials("T"), region: "us-east-1", service: "sm", date: date)
        let twice = SigV4.sign(once, credentials: credentials("T"), region: "us-east-1", service: "sm", date: date)
        #expect(twice.headers.map(\.name) == once.headers.map(\.name))
        #expect(twice.header("authorization") == once.header("authorization"))
    }

    @Test func signatureMatchesTheStages() throws {
        let creds = credentials("T")
        let prepared = SigV4.addingSigningHeaders(request, credentials: creds, service: "sm", date: date)
        let creq = SigV4.canonicalRequest(prepared, payloadHash: SigV4.payloadHash(request.body))
        let scope = SigV4.credentialScope(date: date, region: "eu-west-1", service: "sm")
        let sig = SigV4.signature(
            stringToSign: SigV4.stringToSign(canonicalRequest: creq, date: date, scope: scope),
            signingKey: SigV4.signingKey(secret: "secret", date: date, region: "eu-west-1", service: "sm"))
        let signed = SigV4.sign(request, credentials: creds, region: "eu-west-1", service: "sm", date: date)
        #expect(signed.header("authorization") == SigV4.authorization(
            accessKeyID: "AKIDEXAMPLE", scope: scope, signedHeaders: "host;x-amz-date;x-amz-security-token", signature: sig))
    }

    @Test func s3GetsContentHashAndUnnormalizedPath() throws {
        var req = request
        req.path = "/bucket/a%20b//c"
        let signed = SigV4.sign(req, credentials: credentials(nil), region: "us-east-1", service: "s3", date: date)
        #expect(signed.header("x-amz-content-sha256") == SigV4.payloadHash(Array("{}".utf8)))
        #expect(try #require(signed.header("authorization")).contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,"))
    }

    @Test func credentialsDescriptionIsRedacted() {
        let text = "\(credentials("TOKEN"))"
        #expect(text.contains("AKIDEXAMPLE"))
        #expect(!text.contains("secret\"") && !text.contains("TOKEN"))
        #expect(!"\(SigV4Credentials(accessKeyID: "A", secretAccessKey: "S3CR3T"))".contains("S3CR3T"))
    }
}
