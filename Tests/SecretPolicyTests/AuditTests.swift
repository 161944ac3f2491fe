import Testing
@testable import SecretPolicy

@Suite struct AuditTests {
    let auditor = Auditor(naming: NamingPolicy())
    let goodTags = ["Environment": "prod", "ManagedBy": "Terraform", "Service": "backend", "SecretType": "database_password"]

    func facts(_ name: String, tags: [String: String], description: String? = "what it is for", rotation days: Double? = nil) -> SecretFacts {
        SecretFacts(name: name, description: description, tags: tags, rotationEnabled: days != nil, rotationIntervalDays: days)
    }

    @Test func aCompliantSecretHasNoFindings() {
        #expect(auditor.audit(facts("/prod/backend/database_password", tags: goodTags, rotation: 30)).isEmpty)
    }

    @Test func missingInconsistentAndUnknownTagsShareOneRunnableFix() {
        var tags = goodTags
        tags["ManagedBy"] = nil
        tags["Service"] = "frontend"
        let f = auditor.audit(facts("/prod/backend/database_password", tags: tags, rotation: 7))
        #expect(f.map(\.rule) == ["tag-missing", "tag-mismatch"])
        #expect(f[1].message.contains("Service=frontend"))
        #expect(f.allSatisfy { $0.fix == "lwexec tag /prod/backend/database_password ManagedBy=Manual Service=backend" })
        tags = goodTags
        tags["ManagedBy"] = "lwexec"
        let invalid = auditor.audit(facts("/prod/backend/database_password", tags: tags, rotation: 30))
        #expect(invalid.map(\.rule) == ["tag-invalid"] && invalid[0].severity == .error)
        #expect(invalid[0].fix == "lwexec tag /prod/backend/database_password ManagedBy=Manual")
    }

    @Test func rotationIsRequiredInProductionAndANoteElsewhere() {
        let off = auditor.audit(facts("/prod/backend/database_password", tags: goodTags))
        #expect(off.map(\.rule) == ["rotation-disabled"] && off[0].severity == .error)
        #expect(off[0].fix == "lwexec rotate /prod/backend/database_password --schedule 30d --lambda ARN")
        let slow = auditor.audit(facts("/prod/backend/database_password", tags: goodTags, rotation: 90))
        #expect(slow.map(\.rule) == ["rotation-interval"] && slow[0].message.contains("every 30 days"))
        let apiTags = ["Environment": "prod", "ManagedBy": "Manual", "Service": "backend", "SecretType": "stripe_api_key"]
        let api = auditor.audit(facts("/prod/backend/stripe_api_key", tags: apiTags))
        #expect(api.map(\.severity) == [.warning], "API keys rotate 'if supported by provider'")
        var nonProd = goodTags
        nonProd["Environment"] = "non-prod"
        let np = auditor.audit(facts("/non-prod/backend/database_password", tags: nonProd))
        #expect(np.map(\.severity) == [.note])
        let jwtTags = ["Environment": "prod", "ManagedBy": "Manual", "Service": "backend", "SecretType": "jwt_secret_key"]
        #expect(auditor.audit(facts("/prod/backend/jwt_secret_key", tags: jwtTags)).isEmpty)
    }

    @Test func aMissingDescriptionIsAWarning() {
        let f = auditor.audit(facts("/prod/backend/database_password", tags: goodTags, description: nil, rotation: 30))
        #expect(f.map(\.rule) == ["description-missing"] && f[0].severity == .warning)
    }

    /// One corrected name, and tag hints derived from it: no hint contradicts another.
    @Test func hintsAgreeWithTheCorrectedName() {
        let f = auditor.audit(facts("/staging/backend/db_pw", tags: ["Environment": "staging", "Service": "backend", "SecretType": "db_pw"]))
        let renames = Set(f.filter { ["environment", "descriptive-type"].contains($0.rule) }.compactMap(\.fix))
        #expect(renames == ["rename it: lwexec read /staging/backend/db_pw | lwexec write /non-prod/backend/database_password && lwexec delete /staging/backend/db_pw"])
        let tagFix = f.first { $0.rule.hasPrefix("tag-") }?.fix
        #expect(tagFix == "lwexec tag /staging/backend/db_pw Environment=non-prod ManagedBy=Manual SecretType=database_password")
        #expect(f.first { $0.rule == "rotation-disabled" }?.severity == .note, "the corrected name is non-prod")
        let camel = auditor.audit(facts("/non-prod/Backend/DB-PW", tags: [:]))
        #expect(camel.first { $0.rule.hasPrefix("tag-") }?.fix
                == "lwexec tag /non-prod/Backend/DB-PW Environment=non-prod ManagedBy=Manual Service=backend SecretType=database_password")
    }
}
