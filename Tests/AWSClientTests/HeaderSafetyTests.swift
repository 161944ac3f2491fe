import Testing
import AWSHTTP
@testable import AWSClient
@testable import AWSConfig

/// A control character in any value bound for a header is refused where it enters, naming its source
/// (issue 22, item 1); `HTTPClient` refuses whatever would get past.
@Suite struct HeaderSafetyTests {
    func context(_ env: [(String, String)], config: String = "", credentials: String = "") -> CredentialContext {
        CredentialContext(env: ProcessEnvironment(env),
                          shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile(parsing: credentials)),
                          profileFlag: nil)
    }

    func refusal(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch let e as AWSError { return e.message } catch { return "\(error)" }
    }

    @Test func controlCharactersAreFound() {
        #expect(HeaderSafety.firstControl(in: "FwoGZXIvYXdzE+/=") == nil)
        #expect(HeaderSafety.firstControl(in: "a\tb") == nil)  // a tab is legal inside a header value
        #expect(HeaderSafety.firstControl(in: "tok\r\nX-Injected: yes") == "U+000D")
        #expect(HeaderSafety.firstControl(in: "tok\nX") == "U+000A")
        #expect(HeaderSafety.firstControl(in: "tok\u{0}") == "U+0000")
        #expect(HeaderSafety.firstControl(in: "tok\u{7f}") == "U+007F")
    }

    @Test func sessionTokenFromTheEnvironment() {
        let m = refusal { try CredentialChain.resolve(context([("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "s"),
                                                               ("AWS_SESSION_TOKEN", "tok\r\nX-Injected: yes")])) }
        #expect(m == "the session token from environment contains a control character (U+000D); it cannot go into a request header, so nothing was sent")
    }

    @Test func accessKeyFromAContinuationLineInTheCredentialsFile() {
        let m = refusal { try CredentialChain.resolve(context([("AWS_EC2_METADATA_DISABLED", "true")],
            credentials: "[default]\naws_access_key_id = AKID\n  X-Injected: yes\naws_secret_access_key = s\n")) }
        #expect(m?.hasPrefix("the access key id from profile default (") == true)
        #expect(m?.contains("contains a control character (U+000A)") == true)
    }

    @Test func sessionTokenFromTheConfigFile() {
        let m = refusal { try CredentialChain.resolve(context([("AWS_EC2_METADATA_DISABLED", "true")],
            config: "[default]\naws_access_key_id = AKID\naws_secret_access_key = s\naws_session_token = a\n  b\n")) }
        #expect(m?.hasPrefix("the session token from profile default (") == true)
    }

    @Test func credentialProcessOutput() throws {
        let c = try ProcessFetch.parse(Array(#"{"Version": 1, "AccessKeyId": "AK\r\nX: y", "SecretAccessKey": "s"}"#.utf8),
                                       what: "credential_process of profile p", stderr: "")
        #expect(refusal { try c.checkedForHeaders() }?.hasPrefix("the access key id from credential_process") == true)
    }

    @Test func containerAndIMDSAnswers() throws {
        let body = Array(#"{"AccessKeyId": "AK", "SecretAccessKey": "s", "Token": "t\r\nX: y"}"#.utf8)
        let c = try ContainerFetch.parse(body, what: "container credentials", source: "container (http://127.0.0.1/c)")
        #expect(refusal { try c.checkedForHeaders() }?.hasPrefix("the session token from container (http://127.0.0.1/c) contains") == true)
    }

    @Test func stsAnswer() throws {
        let xml = "<Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
            + "<SessionToken>t\r\nX: y</SessionToken></Credentials>"
        let c = try STSClient.credentials(from: xml, operation: "AssumeRole", source: "role r (profile dev)")
        #expect(refusal { try c.checkedForHeaders() }?.hasPrefix("the session token from role r (profile dev) contains") == true)
    }

    @Test func containerAuthorizationToken() {
        let m = refusal { try ContainerSettings.authorization(ProcessEnvironment([("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer x\r\nX: y")])) }
        #expect(m?.hasPrefix("the container authorization token from AWS_CONTAINER_AUTHORIZATION_TOKEN contains a control character (U+000D)") == true)
    }

    @Test func httpClientSendsNoRequestWithAControlCharacterInAHeader() {
        let request = HTTPRequest(method: "GET", url: "http://127.0.0.1:9/", headers: [(name: "X-Amz-Security-Token", value: "t\r\nX: y")])
        #expect(request.unsafeHeader == "X-Amz-Security-Token")
        guard case .failure(let e) = HTTPClient().send(request) else { Issue.record("sent"); return }
        #expect(e.kind == .unsafeRequest)
        #expect(e.message == "header X-Amz-Security-Token holds a control character")
        #expect(HTTPRequest(method: "GET", url: "http://x/", headers: [(name: "A", value: "b\tc")]).unsafeHeader == nil)
    }
}
