import Testing
@testable import AWSClient
@testable import AWSConfig

@Suite struct CredentialChainTests {
    func context(_ env: [(String, String)], config: String = "", credentials: String = "", flag: String? = nil) -> CredentialContext {
        CredentialContext(env: ProcessEnvironment(env),
                          shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile(parsing: credentials)),
                          profileFlag: flag)
    }

    @Test func environmentComesFirst() throws {
        let c = try CredentialChain.resolve(context(
            [("AWS_ACCESS_KEY_ID", "AKENV"), ("AWS_SECRET_ACCESS_KEY", "s"), ("AWS_SESSION_TOKEN", "t")],
            credentials: "[default]\naws_access_key_id = AKFILE\naws_secret_access_key = f\n"))
        #expect(c.accessKeyID == "AKENV")
        #expect(c.sessionToken == "t")
        #expect(c.source == "environment")
    }

    @Test func profileFlagSkipsEnvironmentKeys() throws {
        let c = try CredentialChain.resolve(context(
            [("AWS_ACCESS_KEY_ID", "AKENV"), ("AWS_SECRET_ACCESS_KEY", "s")],
            credentials: "[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = d\n", flag: "dev"))
        #expect(c.accessKeyID == "AKDEV")
    }

    @Test func awsProfileSelectsTheProfile() throws {
        let c = try CredentialChain.resolve(context(
            [("AWS_PROFILE", "dev")], config: "[profile dev]\naws_access_key_id = AKCFG\naws_secret_access_key = c\n"))
        #expect(c.accessKeyID == "AKCFG")
    }

    @Test func unknownProfileNamesKnownOnes() {
        #expect {
            try CredentialChain.resolve(context([("AWS_PROFILE", "prod")], credentials: "[dev]\naws_access_key_id=a\n"))
        } throws: { e in
            let e = e as! AWSError
            return e.message.contains("profile prod") && (e.hint ?? "").contains("dev")
        }
    }

    @Test func noCredentialsListsSourcesTried() {
        #expect {
            try CredentialChain.resolve(context([("AWS_EC2_METADATA_DISABLED", "true")]))
        } throws: { e in
            let e = e as! AWSError
            return e.kind == .noCredentials && e.message.contains("environment") && e.message.contains("profile default")
        }
    }

    @Test func halfSetEnvironmentIsAnError() {
        #expect(throws: AWSError.self) { try CredentialChain.resolve(context([("AWS_ACCESS_KEY_ID", "a")])) }
    }

    @Test func regionPrecedence() throws {
        let files = "[profile dev]\nregion = eu-central-1\n"
        #expect(try RegionResolver.resolve(flag: "r-flag", context: context([("AWS_REGION", "r-env")], config: files)).region == "r-flag")
        #expect(try RegionResolver.resolve(flag: nil, context: context([("AWS_REGION", "r-env"), ("AWS_DEFAULT_REGION", "r-def")])).region == "r-env")
        #expect(try RegionResolver.resolve(flag: nil, context: context([("AWS_DEFAULT_REGION", "r-def")])).region == "r-def")
        #expect(try RegionResolver.resolve(flag: nil, context: context([("AWS_PROFILE", "dev")], config: files)).region == "eu-central-1")
        #expect(throws: AWSError.self) { try RegionResolver.resolve(flag: nil, context: context([])) }
    }
}
