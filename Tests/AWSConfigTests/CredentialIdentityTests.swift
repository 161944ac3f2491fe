import Testing
@testable import AWSConfig

@Suite struct CredentialIdentityTests {
    func key(_ env: [(String, String)] = [], config: String = "", credentials: String = "", flag: String? = nil) throws -> String? {
        try CredentialPlan.make(CredentialContext(
            env: ProcessEnvironment(env), shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile(parsing: credentials)),
            profileFlag: flag))?.identity
    }

    let off = ("AWS_EC2_METADATA_DISABLED", "true")

    @Test func staticKeys() throws {
        #expect(try key([("AWS_ACCESS_KEY_ID", "AKENV"), ("AWS_SECRET_ACCESS_KEY", "s")]) == "key:AKENV")
        #expect(try key([off], credentials: "[default]\naws_access_key_id = AKFILE\naws_secret_access_key = s\n") == "key:AKFILE")
    }

    @Test func roleChainNamesTheRoleAndItsSource() throws {
        let config = """
        [profile base]
        aws_access_key_id = AKBASE
        aws_secret_access_key = s
        [profile mid]
        role_arn = arn:aws:iam::1:role/mid
        source_profile = base
        [profile top]
        role_arn = arn:aws:iam::1:role/top
        source_profile = mid
        [profile env]
        role_arn = arn:aws:iam::1:role/env
        credential_source = Environment
        """
        #expect(try key([off], config: config, flag: "top") == "role:arn:aws:iam::1:role/top|source:role:arn:aws:iam::1:role/mid|source:key:AKBASE")
        #expect(try key([off, ("AWS_ACCESS_KEY_ID", "AKE"), ("AWS_SECRET_ACCESS_KEY", "s")], config: config, flag: "env")
                == "role:arn:aws:iam::1:role/env|source:key:AKE")
    }

    @Test func loopsAreErrorsThatNameTheLoop() {
        let config = "[profile a]\nrole_arn = r\nsource_profile = b\n[profile b]\nrole_arn = r\nsource_profile = a\n"
        #expect { try key([off], config: config, flag: "a") } throws: { e in
            (e as! AWSError).message == "source_profile loop: a -> b -> a"
        }
    }

    @Test func otherSources() throws {
        let sso = "[profile s]\nsso_session = corp\nsso_account_id = 111\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n"
        #expect(try key([off], config: sso, flag: "s") == "sso:https://x/start|111|Dev")
        #expect(try key([off, ("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"), ("AWS_ROLE_ARN", "arn:r")]) == "webid:arn:r")
        #expect(try key([off], config: "[default]\ncredential_process = tool --x\n") == "process:tool --x")
        #expect(try key([off, ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds")]) == "container:http://169.254.170.2/v2/creds")
        #expect(try key([]) == "imds")
        #expect(try key([off]) == nil)
    }

    @Test func unknownExplicitProfileIsAnErrorNotAnIdentity() {
        #expect { try key([off], flag: "ghost") } throws: { e in
            (e as? AWSError)?.message == "profile ghost is not in ~/.aws/config or ~/.aws/credentials"
        }
    }

    /// The plan that keys the cache is the plan that is fetched: a role's cache key extends its
    /// identity, and its source is the source profile's own keys.
    @Test func theIdentityAndTheFetchComeFromOnePlan() throws {
        let config = """
        [profile base]
        aws_access_key_id = AKBASE
        aws_secret_access_key = s
        [profile top]
        role_arn = arn:aws:iam::1:role/top
        source_profile = base
        role_session_name = ci
        duration_seconds = 1800
        """
        let plan = try #require(try CredentialPlan.make(CredentialContext(
            env: ProcessEnvironment([off]), shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
            profileFlag: "top")))
        #expect(plan.identity == "role:arn:aws:iam::1:role/top|source:key:AKBASE")
        #expect(plan.cacheKey == plan.identity + "|session:ci|external:|duration:1800|mfa:")
        guard case .role(let role, let source) = plan.source else { Issue.record("not a role plan: \(plan.source)"); return }
        #expect(role.roleARN == "arn:aws:iam::1:role/top" && role.profile == "top" && role.durationSeconds == 1800)
        guard case .keys(let keys) = source.source else { Issue.record("source is not keys: \(source.source)"); return }
        #expect(keys.accessKeyID == "AKBASE" && source.identity == "key:AKBASE")
    }

    @Test func aBadDurationFailsThePlanNotJustTheFetch() {
        let config = "[profile k]\naws_access_key_id = A\naws_secret_access_key = s\n[profile r]\nrole_arn = r\nsource_profile = k\nduration_seconds = 60\n"
        #expect { try key([off], config: config, flag: "r") } throws: { e in
            (e as? AWSError)?.message == "duration_seconds in profile r must be between 900 and 43200 (got 60)"
        }
    }
}

@Suite struct EndpointVariantTests {
    func url(_ env: [(String, String)], service: ServiceDescriptor = .secretsManager, region: String = "us-east-1", config: String = "") throws -> String {
        try Endpoint.resolve(service, flag: nil, region: region, context: CredentialContext(
            env: ProcessEnvironment(env), shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
            profileFlag: nil)).url.description
    }

    @Test func fipsDualStackAndPartitions() throws {
        #expect(try url([("AWS_USE_FIPS_ENDPOINT", "true")]) == "https://secretsmanager-fips.us-east-1.amazonaws.com")
        #expect(try url([("AWS_USE_DUALSTACK_ENDPOINT", "true")]) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try url([], config: "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n")
                == "https://secretsmanager-fips.us-east-1.amazonaws.com")
        #expect(try url([], region: "cn-north-1") == "https://secretsmanager.cn-north-1.amazonaws.com.cn")
        #expect(try url([], region: "us-gov-west-1") == "https://secretsmanager.us-gov-west-1.amazonaws.com")
        #expect(throws: AWSError.self) { try url([("AWS_USE_FIPS_ENDPOINT", "yes")]) }
    }

    @Test func otherServices() throws {
        #expect(try url([], service: .sts, region: "eu-west-1") == "https://sts.eu-west-1.amazonaws.com")
        #expect(try url([("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5")], service: .sts) == "http://127.0.0.1:5")
        #expect(try url([("AWS_USE_FIPS_ENDPOINT", "true")], service: .sso) == "https://portal.sso-fips.us-east-1.amazonaws.com")
        #expect(try url([("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:6")], service: .ssoOIDC) == "http://127.0.0.1:6")
        #expect(try url([], service: .ssoOIDC, region: "eu-west-1") == "https://oidc.eu-west-1.amazonaws.com")
    }
}
