import AWSSigV4
import Testing

/// The fixed inputs every aws4_testsuite case is signed with (see the fixture README).
enum SuiteInputs {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let region = "us-east-1"
    static let service = "service"
    static let date = AmzDate(epochSeconds: 1_440_938_160)  // 2015-08-30T12:36:00Z
}

@Suite("aws4_testsuite")
struct SuiteTests {
    @Test("case matches .creq, .sts and .authz", arguments: SuiteFixtures.cases)
    func suiteCase(_ name: String) throws {
        let c = try #require(SuiteCase(name), "cannot load or parse \(name)")
        let credentials = SigV4Credentials(accessKeyID: SuiteInputs.accessKeyID,
                                           secretAccessKey: SuiteInputs.secret, sessionToken: c.sessionToken)
        let date = SuiteInputs.date

        let prepared = SigV4.addingSigningHeaders(c.request, credentials: credentials,
                                                  service: SuiteInputs.service, date: date)
        let creq = SigV4.canonicalRequest(prepared, payloadHash: SigV4.payloadHash(prepared.body))
        #expect(creq == c.creq)

        let scope = SigV4.credentialScope(date: date, region: SuiteInputs.region, service: SuiteInputs.service)
        let sts = SigV4.stringToSign(canonicalRequest: creq, date: date, scope: scope)
        #expect(sts == c.sts)

        let signed = SigV4.sign(c.request, credentials: credentials, region: SuiteInputs.region,
                                service: SuiteInputs.service, date: date)
        #expect(signed.headers.last?.name == "Authorization")
        #expect(signed.headers.last?.value == c.authz)
        #expect(signed.headers.filter { $0.name.lowercased() == "authorization" }.count == 1)
    }

    @Test("every fixture case is either run or named in the README's skip list")
    func coverage() {
        #expect(SuiteFixtures.allCases.count == 34)
        #expect(SuiteFixtures.cases.count == 30)
        #expect(SuiteFixtures.skipped.isSubset(of: Set(SuiteFixtures.allCases)))
        #expect(SuiteFixtures.allCases.contains("post-sts-token/post-sts-header-before"))
        #expect(SuiteFixtures.allCases.contains("post-sts-token/post-sts-header-after"))
    }
}
