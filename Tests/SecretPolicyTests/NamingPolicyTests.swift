import Testing
@testable import SecretPolicy

@Suite struct NamingPolicyTests {
    let policy = NamingPolicy()

    @Test(arguments: ["/prod/backend/database_password", "/non-prod/backend/jwt_secret_key", "/non-prod/redis/auth_token",
                      "/prod/cloudflare/api_token", "/non-prod/backend/stripe_api_key", "/prod/backend2/oauth2_client_secret"])
    func sopExamplesPass(name: String) {
        #expect(policy.check(name).isEmpty)
    }

    @Test func abbreviationsAreRejectedWithTheDescriptiveName() {
        let v = policy.check("/non-prod/backend/db_pw")
        #expect(v.map(\.rule) == [.abbreviation])
        #expect(v[0].message.contains("\"db\" → \"database\""))
        #expect(v[0].message.contains("\"pw\" → \"password\""))
        #expect(policy.suggestion(for: "/non-prod/backend/db_pw") == "/non-prod/backend/database_password")
    }

    @Test(arguments: [("pw", "password"), ("pwd", "password"), ("pass", "password"), ("dbpass", "database_password"),
                      ("apikey", "api_key"), ("redis_tok", "redis_token")])
    func knownAbbreviations(type: String, expanded: String) {
        #expect(policy.check("/prod/backend/\(type)").map(\.rule) == [.abbreviation])
        #expect(policy.suggestion(for: "/prod/backend/\(type)") == "/prod/backend/\(expanded)")
    }

    @Test func passwordAndPassportAreNotAbbreviations() {
        #expect(policy.check("/prod/backend/passport_api_key").isEmpty)
        #expect(policy.check("/prod/backend/password").isEmpty)
    }

    @Test func snakeCaseIsRequiredAndSuggested() {
        let v = policy.check("/prod/Backend/DatabasePassword")
        #expect(v.map(\.rule) == [.snakeCase, .snakeCase])
        #expect(policy.suggestion(for: "/prod/Backend/DatabasePassword") == "/prod/backend/database_password")
        #expect(policy.suggestion(for: "/prod/backend/stripe-api-key") == "/prod/backend/stripe_api_key")
        #expect(policy.suggestion(for: "/prod/backend/APIKey") == "/prod/backend/api_key")
    }

    @Test func environmentComesFromTheList() {
        #expect(policy.check("/staging/backend/api_key").map(\.rule) == [.environment])
        #expect(policy.suggestion(for: "/staging/backend/api_key") == "/non-prod/backend/api_key")
        #expect(policy.suggestion(for: "/Production/backend/api_key") == "/prod/backend/api_key")
        let custom = NamingPolicy(environmentsSetting: "dev, staging,prod")
        #expect(custom.environments == ["dev", "staging", "prod"])
        #expect(custom.check("/staging/backend/api_key").isEmpty)
        #expect(custom.check("/non-prod/backend/api_key").map(\.rule) == [.environment])
        #expect(NamingPolicy(environmentsSetting: "").environments == ["prod", "non-prod"])
    }

    @Test func patternNeedsThreeSegments() {
        #expect(policy.check("prod/backend/api_key").map(\.rule) == [.pattern])
        #expect(policy.check("/prod/backend").map(\.rule) == [.pattern])
        #expect(policy.check("/prod/backend/db/password").map(\.rule) == [.pattern])
        #expect(policy.check("/prod//api_key").map(\.rule) == [.pattern])
        #expect(policy.suggestion(for: "/prod/backend/db/password") == "/prod/backend/database_password")
        #expect(policy.suggestion(for: "/backend/database_password") == "/non-prod/backend/database_password")
        #expect(policy.suggestion(for: "prod/backend/api_key") == "/prod/backend/api_key")
        #expect(policy.suggestion(for: "/x") == nil)
    }

    @Test func snakeCaseConversion() {
        #expect(SnakeCase.convert("dbPassword") == "db_password")
        #expect(SnakeCase.convert("HTTPServerKey") == "http_server_key")
        #expect(SnakeCase.convert("  api--key ") == "api_key")
        #expect(SnakeCase.convert("2fa_seed") == "s_2fa_seed")
        #expect(SnakeCase.isSnakeCase("oauth2_secret"))
        #expect(!SnakeCase.isSnakeCase("a__b"))
        #expect(!SnakeCase.isSnakeCase("_a"))
        #expect(!SnakeCase.isSnakeCase("a_"))
        #expect(!SnakeCase.isSnakeCase("9a"))
    }

    @Test func importNames() {
        #expect(ImportNames.secretName(prefix: "/non-prod/backend", variable: "STRIPE_API_KEY") == "/non-prod/backend/stripe_api_key")
        #expect(ImportNames.secretName(prefix: "/non-prod/backend/", variable: "A") == "/non-prod/backend/a")
    }
}
