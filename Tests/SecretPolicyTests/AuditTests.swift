import Testing
@testable import SecretPolicy

@Suite struct AuditTests {
    let auditor = Auditor(naming: NamingPolicy())
    let goodTags = ["Environment": "prod", "ManagedBy": "Terraform", "Service": "backend", "SecretType": "database_password"]

    @Test func aCompliantSecretHasNoFindings() {
        let f = auditor.audit(SecretFacts(name: "/prod/backend/database_password", tags: goodTags,
                                          rotationEnabled: true, rotationIntervalDays: 30))
        #expect(f.isEmpty)
    }

    @Test func missingAndInconsistentTags() {
        var tags = goodTags
        tags["ManagedBy"] = nil
        tags["Service"] = "frontend"
        let f = auditor.audit(SecretFacts(name: "/prod/backend/database_password", tags: tags, rotationEnabled: true, rotationIntervalDays: 7))
        #expect(f.map(\.rule) == ["tag-missing", "tag-mismatch"])
        #expect(f[1].message.contains("Service=frontend"))
        #expect(f[1].fix == "set Service=backend")
    }

    @Test func rotationPerSchedule() {
        let off = auditor.audit(SecretFacts(name: "/prod/backend/database_password", tags: goodTags))
        #expect(off.map(\.rule) == ["rotation-disabled"])
        let slow = auditor.audit(SecretFacts(name: "/prod/backend/database_password", tags: goodTags, rotationEnabled: true, rotationIntervalDays: 90))
        #expect(slow.map(\.rule) == ["rotation-interval"])
        #expect(slow[0].message.contains("every 30 days"))
        let apiTags = ["Environment": "prod", "ManagedBy": "lwexec", "Service": "backend", "SecretType": "stripe_api_key"]
        #expect(auditor.audit(SecretFacts(name: "/prod/backend/stripe_api_key", tags: apiTags, rotationEnabled: true, rotationIntervalDays: 90)).isEmpty)
        let jwtTags = ["Environment": "prod", "ManagedBy": "lwexec", "Service": "backend", "SecretType": "jwt_secret_key"]
        #expect(auditor.audit(SecretFacts(name: "/prod/backend/jwt_secret_key", tags: jwtTags)).isEmpty)
    }

    @Test func namingFindingsCarryTheSuggestion() {
        let f = auditor.audit(SecretFacts(name: "/prod/backend/db_pw", tags: [:]))
        #expect(f.first?.rule == "descriptive-type")
        #expect(f.first?.fix == "the SOP's name would be /prod/backend/database_password")
        #expect(f.filter { $0.rule == "tag-missing" }.count == 4)
        #expect(f.last?.rule == "rotation-disabled")
        #expect(f[0].description.hasPrefix("/prod/backend/db_pw: descriptive-type: "))
    }
}
