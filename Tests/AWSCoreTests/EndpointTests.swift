import Testing
@testable import AWSCore

@Suite struct EndpointTests {
    func context(_ env: [(String, String)], config: String = "") -> CredentialContext {
        CredentialContext(env: ProcessEnvironment(env), shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
                          profileFlag: nil)
    }

    func resolve(_ env: [(String, String)], flag: String? = nil, region: String = "us-east-1", config: String = "") throws -> String {
        try Endpoint.resolve(.secretsManager, flag: flag, region: region, context: context(env, config: config)).url.description
    }

    @Test func defaultsByPartition() throws {
        #expect(try resolve([]) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try resolve([], region: "cn-north-1") == "https://secretsmanager.cn-north-1.amazonaws.com.cn")
    }

    @Test func precedence() throws {
        let env = [("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:1001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1002")]
        #expect(try resolve(env, flag: "http://127.0.0.1:1000") == "http://127.0.0.1:1000")
        #expect(try resolve(env) == "http://127.0.0.1:1001")
        #expect(try resolve([env[1]]) == "http://127.0.0.1:1002")
        #expect(try resolve([], config: "[default]\nendpoint_url = http://127.0.0.1:1003\n") == "http://127.0.0.1:1003")
        let services = "[default]\nservices = local\n[services local]\nsecrets_manager =\n  endpoint_url = http://127.0.0.1:1004\n"
        #expect(try resolve([], config: services) == "http://127.0.0.1:1004")
        #expect(try resolve([("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")] + env) == "https://secretsmanager.us-east-1.amazonaws.com")
    }

    @Test func badURLIsAClearError() {
        #expect { try resolve([], flag: "localhost:4566") } throws: { e in
            (e as! AWSError).message.contains("--endpoint-url is not a valid endpoint URL")
        }
    }

    @Test func urlParts() {
        #expect(URLParts("http://[::1]:8080/x")?.hostHeader == "[::1]:8080")
        #expect(URLParts("https://h.example:443")?.hostHeader == "h.example")
        #expect(URLParts("https://H.Example/")?.host == "h.example")
        #expect(URLParts("ftp://h") == nil)
        #expect(URLParts("http://h:99999") == nil)
    }
}
