import Testing
@testable import AWSClient
@testable import AWSConfig
import AWSHTTP

@Suite struct ErrorDecodingTests {
    func decode(_ body: String, status: Int = 400, headers: [(name: String, value: String)] = []) -> (String, String) {
        let r = ErrorDecoding.decode(status: status, headers: headers, body: Array(body.utf8))
        return (r.code, r.message)
    }

    @Test func jsonTypeIsCleaned() {
        #expect(decode(#"{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException:http://x","Message":"gone"}"#)
                == ("ResourceNotFoundException", "gone"))
        #expect(decode(#"{"__type":"AccessDeniedException","message":"no"}"#) == ("AccessDeniedException", "no"))
    }

    @Test func nullFieldsAndOtherShapes() {
        #expect(decode(#"{"__type":"X","message":null}"#, status: 400) == ("X", "HTTP status 400"))
        #expect(decode(#"{}"#, status: 503) == ("HTTP503", "HTTP status 503"))
        #expect(decode("<html>bad gateway</html>", status: 502) == ("HTTP502", "HTTP status 502"))
        #expect(decode("", status: 500, headers: [(name: "x-amzn-errortype", value: "InternalFailure:http://a")]) == ("InternalFailure", "HTTP status 500"))
    }

    @Test func xmlErrorBodies() {
        let xml = "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>sig &amp; stuff</Message></Error></ErrorResponse>"
        #expect(decode(xml, status: 403) == ("SignatureDoesNotMatch", "sig & stuff"))
    }

    @Test func retryClassification() {
        let p = RetryPolicy()
        #expect(RetryPolicy.isRetryable(AWSError(.service(code: "ThrottlingException", status: 400), "")))
        #expect(RetryPolicy.isRetryable(AWSError(.service(code: "HTTP503", status: 503), "")))
        #expect(RetryPolicy.isRetryable(AWSError(.transport, "")))
        #expect(!RetryPolicy.isRetryable(AWSError(.service(code: "LimitExceededException", status: 400), "")))
        #expect(!RetryPolicy.isRetryable(AWSError(.service(code: "AccessDeniedException", status: 400), "")))
        #expect(!RetryPolicy.isRetryable(AWSError(.malformedResponse, "")))
        for attempt in 1...10 { #expect(p.backoffMs(afterAttempt: attempt) <= 20_000) }
    }
}

@Suite struct WhitespaceTests {
    @Test func trimsLoneAndPairedLineEnds() {
        #expect("  Foo\n".trimmingWhitespace() == "Foo")
        #expect("\r\nFoo\r\n".trimmingWhitespace() == "Foo")
        #expect("\tFoo\r".trimmingWhitespace() == "Foo")
        #expect(" \n\r\t ".trimmingWhitespace() == "")
        #expect(ErrorDecoding.cleanCode("ThrottlingException\n") == "ThrottlingException")
    }
}
