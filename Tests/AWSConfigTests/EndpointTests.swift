import Testing
@testable import AWSConfig

@Suite struct EndpointTests {
    func context(_ env: [(String, String)], config: String = "") -> CredentialContext {
        CredentialContext(env: ProcessEnvironment(env), shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
                          profileFlag: nil)
    }

    func endpoint(_ env: [(String, String)], service: ServiceDescriptor = .secretsManager, flag: String? = nil,
                  region: String? = "us-east-1", config: String = "") throws(AWSError) -> Endpoint {
        try Endpoint.resolve(service, flag: flag, region: region, context: context(env, config: config))
    }

    func resolve(_ env: [(String, String)], service: ServiceDescriptor = .secretsManager, flag: String? = nil,
                 region: String? = "us-east-1", config: String = "") throws(AWSError) -> String {
        try endpoint(env, service: service, flag: flag, region: region, config: config).url.description
    }

    func error(_ env: [(String, String)], service: ServiceDescriptor = .secretsManager, flag: String? = nil,
               region: String? = "us-east-1", config: String = "") -> AWSError? {
        do {
            _ = try endpoint(env, service: service, flag: flag, region: region, config: config)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsByPartition() throws {
        #expect(try resolve([]) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try resolve([], region: "cn-north-1") == "https://secretsmanager.cn-north-1.amazonaws.com.cn")
        #expect(try resolve([], region: "us-gov-west-1") == "https://secretsmanager.us-gov-west-1.amazonaws.com")
        #expect(try resolve([], region: "us-iso-east-1") == "https://secretsmanager.us-iso-east-1.c2s.ic.gov")
        #expect(try resolve([], region: "us-isob-east-1") == "https://secretsmanager.us-isob-east-1.sc2s.sgov.gov")
        #expect(try resolve([], region: "eusc-de-east-1") == "https://secretsmanager.eusc-de-east-1.amazonaws.eu")
        #expect(try resolve([], region: "ap-southeast-9") == "https://secretsmanager.ap-southeast-9.amazonaws.com",
                "a region partitions.json does not list yet, but that its aws pattern matches")
    }

    @Test func dualStackAsTheRulesHaveIt() throws {
        let dual = [("AWS_USE_DUALSTACK_ENDPOINT", "true")]
        #expect(try resolve(dual) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try resolve(dual, region: "cn-north-1") == "https://secretsmanager.cn-north-1.amazonaws.com.cn")
        #expect(try resolve(dual, region: "us-gov-east-1") == "https://secretsmanager.us-gov-east-1.amazonaws.com")
        #expect(try resolve(dual, region: "us-iso-east-1") == "https://secretsmanager.us-iso-east-1.api.aws.ic.gov")
        #expect(try resolve(dual, service: .sts) == "https://sts.us-east-1.api.aws")
        #expect(try resolve(dual + [("AWS_USE_FIPS_ENDPOINT", "true")], region: "cn-north-1")
                == "https://secretsmanager-fips.cn-north-1.api.amazonwebservices.com.cn")
    }

    @Test func precedence() throws {
        let env = [("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:1001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:1002")]
        #expect(try resolve(env, flag: "http://127.0.0.1:1000") == "http://127.0.0.1:1000")
        #expect(try resolve(env) == "http://127.0.0.1:1001")
        #expect(try resolve([env[1]]) == "http://127.0.0.1:1002")
        #expect(try resolve([], config: "[default]\nendpoint_url = http://127.0.0.1:1003\n") == "http://127.0.0.1:1003")
        let services = "[default]\nservices = local\nendpoint_url = http://127.0.0.1:1003\n[services local]\nsecrets_manager =\n  endpoint_url = http://127.0.0.1:1004\n"
        #expect(try resolve([], config: services) == "http://127.0.0.1:1004")
        #expect(try resolve([env[1]], config: services) == "http://127.0.0.1:1002")
        #expect(try resolve([("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")] + env) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try resolve([("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")] + env, flag: "http://127.0.0.1:1000") == "http://127.0.0.1:1000",
                "the flag is not a configured endpoint")
    }

    @Test func ignoreConfiguredEndpointURLsInTheProfile() throws {
        let env = [("AWS_ENDPOINT_URL", "http://127.0.0.1:1002")]
        let ignoring = "[default]\nignore_configured_endpoint_urls = true\nendpoint_url = http://127.0.0.1:1003\n"
        #expect(try resolve(env, config: ignoring) == "https://secretsmanager.us-east-1.amazonaws.com")
        #expect(try resolve(env, flag: "http://127.0.0.1:1000", config: ignoring) == "http://127.0.0.1:1000")
        #expect(try resolve(env + [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")], config: ignoring) == "http://127.0.0.1:1002",
                "the variable beats the profile")
        #expect(error([("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes")])?.message
                == "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS must be true or false (got yes)")
    }

    @Test func fipsOrDualStackWithACustomEndpointIsAConfigurationError() throws {
        let e = try #require(error([("AWS_USE_FIPS_ENDPOINT", "true")], flag: "http://127.0.0.1:4566"))
        #expect(e.kind == .configuration)
        #expect(e.message == "FIPS and a custom endpoint cannot be combined: AWS_USE_FIPS_ENDPOINT is true and --endpoint-url is http://127.0.0.1:4566")
        #expect(e.hint == "unset AWS_USE_FIPS_ENDPOINT or the custom endpoint (a custom endpoint is used as given)")
        let d = try #require(error([("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:5")], service: .sts,
                                   config: "[default]\nuse_dualstack_endpoint = true\n"))
        #expect(d.message == "dual-stack and a custom endpoint cannot be combined: use_dualstack_endpoint in profile default is true and AWS_ENDPOINT_URL_STS is http://127.0.0.1:5")
        // Ignored configured endpoints leave the FIPS endpoint.
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_ENDPOINT_URL", "http://x"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")])
                == "https://secretsmanager-fips.us-east-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "false")], flag: "http://127.0.0.1:4566") == "http://127.0.0.1:4566")
    }

    @Test func stsGlobalAndLegacyEndpoints() throws {
        let global = try endpoint([], service: .sts, region: "aws-global")
        #expect(global.url.description == "https://sts.amazonaws.com" && global.signingRegion == "us-east-1")
        #expect(try resolve([], service: .sts, region: "us-west-2") == "https://sts.us-west-2.amazonaws.com", "regional is the default")
        let legacy = try endpoint([("AWS_STS_REGIONAL_ENDPOINTS", "legacy")], service: .sts, region: "us-west-2")
        #expect(legacy.url.description == "https://sts.amazonaws.com" && legacy.signingRegion == "us-east-1")
        #expect(legacy.source == "default for us-west-2 (global, AWS_STS_REGIONAL_ENDPOINTS = legacy)")
        let fromProfile = "[default]\nsts_regional_endpoints = legacy\n"
        #expect(try resolve([], service: .sts, region: "eu-west-1", config: fromProfile) == "https://sts.amazonaws.com")
        #expect(try resolve([("AWS_STS_REGIONAL_ENDPOINTS", "regional")], service: .sts, region: "eu-west-1", config: fromProfile)
                == "https://sts.eu-west-1.amazonaws.com", "the variable beats the profile")
        // Regions STS did not have before it was regional, FIPS and dual-stack stay regional.
        #expect(try resolve([], service: .sts, region: "eu-south-1", config: fromProfile) == "https://sts.eu-south-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true")], service: .sts, config: fromProfile) == "https://sts-fips.us-east-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_DUALSTACK_ENDPOINT", "true")], service: .sts, config: fromProfile) == "https://sts.us-east-1.api.aws")
        #expect(try endpoint([], service: .sts, region: "eu-south-1", config: fromProfile).signingRegion == nil)
        #expect(error([("AWS_STS_REGIONAL_ENDPOINTS", "global")], service: .sts)?.message
                == "AWS_STS_REGIONAL_ENDPOINTS must be legacy or regional (got global)")
        #expect(try resolve([("AWS_STS_REGIONAL_ENDPOINTS", "global")]) == "https://secretsmanager.us-east-1.amazonaws.com",
                "only STS reads it")
        #expect(try resolve([], service: .secretsManager, region: "us-west-2", config: fromProfile)
                == "https://secretsmanager.us-west-2.amazonaws.com")
    }

    @Test func stsFIPSInGovCloud() throws {
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true")], service: .sts, region: "us-gov-west-1") == "https://sts.us-gov-west-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true")], region: "us-gov-west-1") == "https://secretsmanager-fips.us-gov-west-1.amazonaws.com")
    }

    @Test func ssoHonoursFIPSAndDualStack() throws {
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true")], service: .sso) == "https://portal.sso-fips.us-east-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_DUALSTACK_ENDPOINT", "true")], service: .ssoOIDC, region: "eu-west-1") == "https://oidc.eu-west-1.api.aws")
        #expect(try resolve([], service: .ssoOIDC, config: "[default]\nuse_fips_endpoint = true\n") == "https://oidc-fips.us-east-1.amazonaws.com")
        #expect(try resolve([("AWS_USE_FIPS_ENDPOINT", "true")], service: .sso, region: "us-gov-east-1") == "https://portal.sso.us-gov-east-1.amazonaws.com")
        #expect(try resolve([("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:6")], service: .ssoOIDC) == "http://127.0.0.1:6")
    }

    @Test func regionsAreCheckedBeforeAnyCall() throws {
        let bogus = try #require(error([], region: "us-east-9x"))
        #expect(bogus.kind == .configuration)
        #expect(bogus.message == "\"us-east-9x\" is not a region of any AWS partition")
        #expect(bogus.hint != nil)
        #expect(error([], region: "US-EAST-1") != nil, "partitions name regions in lower case")
        #expect(error([], region: "us_east_1")?.message == "\"us_east_1\" is not a valid region name")
        #expect(error([], flag: "http://127.0.0.1:4566", region: "us_east_1") != nil, "not a DNS label: refused with any endpoint")
        #expect(try resolve([], flag: "http://127.0.0.1:4566", region: "local") == "http://127.0.0.1:4566",
                "a custom endpoint takes any region that is a DNS label")
        #expect(error([], region: nil)?.message == "no AWS region configured")
        #expect(try resolve([("AWS_ENDPOINT_URL", "http://127.0.0.1:1")], region: nil) == "http://127.0.0.1:1")
    }

    @Test func sourcesForVerboseOutput() throws {
        #expect(try endpoint([]).source == "default for us-east-1")
        #expect(try endpoint([], config: "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n").source
                == "default for us-east-1 (FIPS, dual-stack)")
        #expect(try endpoint([], flag: "http://127.0.0.1:1").source == "--endpoint-url")
        #expect(try endpoint([("AWS_ENDPOINT_URL", "http://127.0.0.1:1")]).source == "AWS_ENDPOINT_URL")
        #expect(try endpoint([], config: "[default]\nendpoint_url = http://127.0.0.1:1\n").source == "endpoint_url in profile default")
        #expect(try endpoint([], service: .sts, region: "aws-global").source == "default for aws-global (global)")
    }

    @Test func partitions() {
        #expect(Partition.name(of: "us-east-1") == "aws")
        #expect(Partition.name(of: "aws-global") == "aws")
        #expect(Partition.name(of: "cn-northwest-1") == "aws-cn")
        #expect(Partition.name(of: "us-gov-east-1") == "aws-us-gov")
        #expect(Partition.name(of: "us-iso-west-1") == "aws-iso")
        #expect(Partition.name(of: "us-isob-east-1") == "aws-iso-b")
        #expect(Partition.name(of: "us-isof-south-1") == "aws-iso-f")
        #expect(Partition.name(of: "eu-isoe-west-1") == "aws-iso-e")
        #expect(Partition.name(of: "eusc-de-east-1") == "aws-eusc")
        #expect(Partition.name(of: "us-isob-east-12") == "aws-iso-b")
        for r in ["us-east-9x", "us-east-1-", "cn-north", "eusc-fr-east-1", "US-EAST-1", "us-east-", "-us-east-1", ""] {
            #expect(!Partition.isKnown(r), "\(r)")
        }
        #expect(Partition.isValidRegion("us-east-1") && Partition.isValidRegion("local"))
        for r in ["", "-a", "a-", "123", "a.b", "a_b", String(repeating: "a", count: 64)] {
            #expect(!Partition.isValidRegion(r), "\(r)")
        }
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
