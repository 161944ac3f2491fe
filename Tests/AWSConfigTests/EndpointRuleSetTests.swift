import LWEncoding
import Testing
@testable import AWSConfig
import LWJSON

/// One case of botocore's `endpoint-tests-1.json`, vendored in Fixtures/endpoints (see its README).
struct UpstreamEndpointCase: Sendable, CustomTestStringConvertible {
    var service: String
    var index: Int
    var documentation: String
    var params: EndpointParameters
    /// Parameters the case sets that lwexec's rule sets do not have (none today: any would fail the case).
    var unknownParams: [String]
    var expectedURL: String?
    /// The SigV4 signing region of `authSchemes`, when the case names one.
    var expectedSigningRegion: String?
    var expectedSigningName: String?
    var expectedError: String?
    /// `operationInputs` restating the parameters as built-ins, which must agree with `params`.
    var builtIns: [[String: JSONValue]]

    var key: String { "\(service)#\(index)" }
    var testDescription: String { "\(key): \(documentation)" }

    var descriptor: ServiceDescriptor {
        switch service {
        case "secretsmanager": .secretsManager
        case "sts": .sts
        case "sso": .sso
        default: .ssoOIDC
        }
    }
}

enum UpstreamEndpointCases {
    static let services = ["secretsmanager", "sts", "sso", "sso-oidc"]

    static let root: String = {
        let file = #filePath
        return file[..<(file.lastIndex(of: "/") ?? file.endIndex)] + "/Fixtures/endpoints"
    }()

    static func bytes(_ relative: String) -> [UInt8] {
        (try? FileReading.contents(of: root + "/" + relative)) ?? []
    }

    /// Every case of the four services, in file order.
    static let all: [UpstreamEndpointCase] = services.flatMap { service -> [UpstreamEndpointCase] in
        guard let json = try? JSON.parse(bytes(service + "/endpoint-tests-1.json")),
              let cases = json["testCases"]?.array else { return [] }
        return cases.enumerated().map { i, c in
            var p = EndpointParameters()
            var unknown: [String] = []
            for (name, value) in c["params"]?.object ?? [:] {
                switch name {
                case "Region": p.region = value.string
                case "UseFIPS": p.useFIPS = value.bool ?? false
                case "UseDualStack": p.useDualStack = value.bool ?? false
                case "Endpoint": p.endpoint = value.string
                case "UseGlobalEndpoint": p.useGlobalEndpoint = value.bool ?? false
                default: unknown.append(name)
                }
            }
            let endpoint = c["expect"]?["endpoint"]
            let scheme = endpoint?["properties"]?["authSchemes"]?.array?.first
            return UpstreamEndpointCase(
                service: service, index: i, documentation: c["documentation"]?.string ?? "",
                params: p, unknownParams: unknown.sorted(),
                expectedURL: endpoint?["url"]?.string,
                expectedSigningRegion: scheme?["signingRegion"]?.string,
                expectedSigningName: scheme?["signingName"]?.string,
                expectedError: c["expect"]?["error"]?.string,
                builtIns: (c["operationInputs"]?.array ?? []).compactMap { $0["builtInParams"]?.object })
        }
    }

    /// Cases that cannot be run through lwexec's settings, with why. Empty: every parameter of these rule
    /// sets maps to a setting (Region: the region; UseFIPS: AWS_USE_FIPS_ENDPOINT / use_fips_endpoint;
    /// UseDualStack: AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint; Endpoint: AWS_ENDPOINT_URL_<ID>
    /// / endpoint_url; UseGlobalEndpoint: AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints = legacy,
    /// which botocore turns into UseGlobalEndpoint only for its legacy regions: the generator checks the
    /// rules give the same for every other region either way). A case listed here still runs against
    /// the rules themselves.
    static let notThroughSettings: [String: String] = [:]
}

/// Every upstream case of the four services: against the rules, and through lwexec's settings.
@Suite struct EndpointRuleSetTests {
    @Test func everyServiceHasItsCases() {
        var counts: [String: Int] = [:]
        for c in UpstreamEndpointCases.all { counts[c.service, default: 0] += 1 }
        #expect(counts == ["secretsmanager": 49, "sts": 69, "sso": 40, "sso-oidc": 40])
        let keys = Set(UpstreamEndpointCases.all.map(\.key))
        for key in UpstreamEndpointCases.notThroughSettings.keys {
            #expect(keys.contains(key), "an exclusion names no case: \(key)")
        }
    }

    @Test func tablesComeFromTheVendoredRuleSets() {
        for (file, sha256) in EndpointRules.sourceDigests {
            let bytes = UpstreamEndpointCases.bytes(file)
            #expect(!bytes.isEmpty, "\(file) is missing")
            #expect(Encoding.hex(Fingerprint.sha256(bytes)) == sha256,
                    "\(file) changed since EndpointTables.swift was generated: run scripts/gen-endpoint-tables")
        }
    }

    @Test("the rules give what the case expects", arguments: UpstreamEndpointCases.all)
    func rules(_ c: UpstreamEndpointCase) {
        #expect(c.unknownParams.isEmpty, "parameters lwexec's rule sets lack: \(c.unknownParams)")
        for b in c.builtIns {
            #expect(b["AWS::Region"]?.string == c.params.region)
            #expect(b["SDK::Endpoint"]?.string == c.params.endpoint)
            #expect((b["AWS::UseFIPS"]?.bool ?? false) == c.params.useFIPS)
            #expect((b["AWS::UseDualStack"]?.bool ?? false) == c.params.useDualStack)
            #expect((b["AWS::STS::UseGlobalEndpoint"]?.bool ?? false) == c.params.useGlobalEndpoint)
        }
        let outcome = EndpointRules.evaluate(c.descriptor.ruleSet, c.params)
        if let error = c.expectedError {
            #expect(outcome == .error(error))
            return
        }
        #expect(outcome.url == c.expectedURL)
        if let name = c.expectedSigningName { #expect(name == c.descriptor.signingName) }
        switch outcome {
        case .host(_, let signingRegion, _):
            #expect((signingRegion ?? c.params.region) == (c.expectedSigningRegion ?? c.params.region))
        case .custom:
            #expect(c.expectedSigningRegion == nil)
        case .error(let message):
            Issue.record("the rules answered \(message)")
        }
    }

    /// How a case's parameters are set: all in the environment, or all in the profile.
    enum Mapping: CaseIterable { case environment, profile }

    @Test("lwexec's settings give what the case expects", arguments: UpstreamEndpointCases.all)
    func settings(_ c: UpstreamEndpointCase) throws {
        if let reason = UpstreamEndpointCases.notThroughSettings[c.key] {
            #expect(!reason.isEmpty)
            return
        }
        let s = c.descriptor
        for mapping in Mapping.allCases {
            var env: [(String, String)] = []
            var config = "[default]\n"
            let bool = { (b: Bool) in b ? "true" : "false" }
            switch mapping {
            case .environment:
                env.append(("AWS_USE_FIPS_ENDPOINT", bool(c.params.useFIPS)))
                env.append(("AWS_USE_DUALSTACK_ENDPOINT", bool(c.params.useDualStack)))
                if s.ruleSet == .sts { env.append(("AWS_STS_REGIONAL_ENDPOINTS", c.params.useGlobalEndpoint ? "legacy" : "regional")) }
                if let e = c.params.endpoint { env.append(("AWS_ENDPOINT_URL_" + s.endpointID, e)) }
            case .profile:
                if c.params.useFIPS { config += "use_fips_endpoint = true\n" }
                if c.params.useDualStack { config += "use_dualstack_endpoint = true\n" }
                if c.params.useGlobalEndpoint { config += "sts_regional_endpoints = legacy\n" }
                if let e = c.params.endpoint { config += "endpoint_url = \(e)\n" }
            }
            let context = CredentialContext(env: ProcessEnvironment(env),
                                            shared: SharedConfig(config: ConfigFile(parsing: config), credentials: ConfigFile()),
                                            profileFlag: nil)
            do {
                let endpoint = try Endpoint.resolve(s, flag: nil, region: c.params.region, context: context)
                #expect(c.expectedError == nil, "\(mapping): expected \(c.expectedError ?? "")")
                #expect(endpoint.url.description == c.expectedURL, "\(mapping)")
                #expect((endpoint.signingRegion ?? c.params.region) == (c.expectedSigningRegion ?? c.params.region), "\(mapping)")
            } catch {
                guard let expected = c.expectedError else {
                    Issue.record("\(mapping): \(error.message)")
                    continue
                }
                #expect(error.kind == .configuration && error.hint != nil)
                let phrase = switch expected {
                case EndpointRules.fipsWithCustomEndpoint: "FIPS and a custom endpoint cannot be combined"
                case EndpointRules.dualStackWithCustomEndpoint: "dual-stack and a custom endpoint cannot be combined"
                case EndpointRules.missingRegion: "no AWS region configured"
                default: expected
                }
                #expect(error.message.contains(phrase), "\(mapping): \(error.message)")
            }
        }
    }
}
