@testable import AWSSigV4
import Testing

/// The IAM ListUsers example from the AWS SigV4 documentation.
private enum IAMExample {
    static let date = AmzDate(epochSeconds: 1_440_938_160)
    static let creq = """
        GET
        /
        Action=ListUsers&Version=2010-05-08
        content-type:application/x-www-form-urlencoded; charset=utf-8
        host:iam.amazonaws.com
        x-amz-date:20150830T123600Z

        content-type;host;x-amz-date
        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        """
    static let request = SignableRequest(
        method: "GET", path: "/", query: "Version=2010-05-08&Action=ListUsers",
        headers: [("Host", "iam.amazonaws.com"),
                  ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                  ("X-Amz-Date", "20150830T123600Z")])
}

@Suite("stages")
struct StageTests {
    @Test func uriEncodeKeepsOnlyUnreserved() {
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        #expect(SigV4.uriEncode(unreserved) == unreserved)
        #expect(SigV4.uriEncode("a b/c+d=e%") == "a%20b%2Fc%2Bd%3De%25")
        #expect(SigV4.uriEncode("é\u{1234}") == "%C3%A9%E1%88%B4")
        #expect(SigV4.percentDecode("%e1%88%B4+%zz%4") == Array("\u{1234}+%zz%4".utf8))
    }

    @Test func canonicalURINormalizesAndEncodesAgain() {
        #expect(SigV4.canonicalURI("") == "/")
        #expect(SigV4.canonicalURI("/") == "/")
        #expect(SigV4.canonicalURI("//example//") == "/example/")
        #expect(SigV4.canonicalURI("/a/./b/../c") == "/a/c")
        #expect(SigV4.canonicalURI("/a/b/..") == "/a/")
        #expect(SigV4.canonicalURI("/../..") == "/")
        #expect(SigV4.canonicalURI("/\u{1234}/$x") == "/%E1%88%B4/%24x")
        #expect(SigV4.canonicalURI("/a%20b") == "/a%2520b")  // already encoded on the wire: encoded again
    }

    @Test func canonicalURIForS3EncodesOnceWithoutNormalizing() {
        #expect(SigV4.canonicalURI("", normalize: false) == "/")
        #expect(SigV4.canonicalURI("/a%20b//./c/", normalize: false) == "/a%20b//./c/")
        #expect(SigV4.canonicalURI("/a b/%2f", normalize: false) == "/a%20b/%2F")
    }

    @Test func canonicalQuerySortsAndReencodes() {
        #expect(SigV4.canonicalQuery("") == "")
        #expect(SigV4.canonicalQuery("b=2&a=1&a") == "a=&a=1&b=2")
        #expect(SigV4.canonicalQuery("p=Value1&p=value0") == "p=Value1&p=value0")  // 'V' < 'v' byte-wise
        #expect(SigV4.canonicalQuery("%e1%88%b4=x&\u{1234}=y") == "%E1%88%B4=x&%E1%88%B4=y")
        #expect(SigV4.canonicalQuery("a=b c+d&&x=1=2&k=%zz") == "a=b%20c%2Bd&k=%25zz&x=1%3D2")
    }

    @Test func canonicalHeadersLowercaseTrimCollapseAndJoin() {
        let h = SigV4.canonicalHeaders([
            ("X-B", "  two   words "), ("Host", "h"), ("x-b", "second"), ("My", "v1\n   v2\t v3"), ("X-A", ""),
        ])
        #expect(h.canonical == "host:h\nmy:v1 v2 v3\nx-a:\nx-b:two words,second\n")
        #expect(h.signed == "host;my;x-a;x-b")
    }

    @Test func canonicalRequestOfDocsExample() {
        #expect(SigV4.canonicalRequest(IAMExample.request, payloadHash: SigV4.emptyPayloadHash) == IAMExample.creq)
        #expect(SigV4.payloadHash([]) == SigV4.emptyPayloadHash)
        #expect(SigV4.payloadHash(Array("Param1=value1".utf8))
            == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
    }

    @Test func scopeAndStringToSign() {
        let scope = SigV4.credentialScope(date: IAMExample.date, region: "us-east-1", service: "iam")
        #expect(scope == "20150830/us-east-1/iam/aws4_request")
        #expect(SigV4.stringToSign(canonicalRequest: IAMExample.creq, date: IAMExample.date, scope: scope) == """
            AWS4-HMAC-SHA256
            20150830T123600Z
            20150830/us-east-1/iam/aws4_request
            f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59
            """)
    }

    @Test func signingKeyAndSignatureOfDocsExample() {
        let key = SigV4.signingKey(secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                   date: IAMExample.date, region: "us-east-1", service: "iam")
        #expect(hex(key) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
        let sts = SigV4.stringToSign(canonicalRequest: IAMExample.creq, date: IAMExample.date,
                                     scope: "20150830/us-east-1/iam/aws4_request")
        #expect(SigV4.signature(stringToSign: sts, signingKey: key)
            == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test func authorizationHeaderFormat() {
        #expect(SigV4.authorization(accessKeyID: "AKID", scope: "20150830/us-east-1/iam/aws4_request",
                                    signedHeaders: "host;x-amz-date", signature: "abc")
            == "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
