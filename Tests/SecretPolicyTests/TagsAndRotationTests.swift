import Testing
@testable import SecretPolicy

@Suite struct TagsAndRotationTests {
    let name = SecretName(parsing: "/prod/backend/database_password")!

    @Test func tagsDerivedFromTheName() {
        #expect(RequiredTags.derived(from: name) == ["Environment": "prod", "Service": "backend", "SecretType": "database_password"])
    }

    @Test func managedByIsKeptWhenPresentAndTagOptionsOverride() {
        let fresh = RequiredTags.desired(for: name, existing: [:], overrides: ["Team": "core"])
        #expect(fresh["ManagedBy"] == "Manual", "the SOP's values: Terraform or Manual")
        #expect(RequiredTags.desired(for: name, existing: [:], overrides: [:], managedBy: "Terraform")["ManagedBy"] == "Terraform")
        let old = RequiredTags.desired(for: name, existing: ["ManagedBy": "lwexec"], overrides: [:])
        #expect(old["ManagedBy"] == "Manual", "a value the SOP does not know is replaced")
        #expect(fresh["Team"] == "core")
        let terraform = RequiredTags.desired(for: name, existing: ["ManagedBy": "Terraform"], overrides: [:])
        #expect(terraform["ManagedBy"] == nil)
        let forced = RequiredTags.desired(for: name, existing: [:], overrides: ["ManagedBy": "Terraform", "Service": "api"])
        #expect(forced["ManagedBy"] == "Terraform" && forced["Service"] == "api")
        #expect(RequiredTags.changes(desired: ["A": "1", "B": "2"], existing: ["A": "1", "B": "3"]) == ["B": "2"])
    }

    @Test func tagArguments() {
        #expect(RequiredTags.parse("Team=core")! == ("Team", "core"))
        #expect(RequiredTags.parse("Url=a=b")! == ("Url", "a=b"))
        #expect(RequiredTags.parse("Empty=")! == ("Empty", ""))
        #expect(RequiredTags.parse("=x") == nil)
        #expect(RequiredTags.parse("novalue") == nil)
    }

    @Test(arguments: [
        ("/prod/backend/database_password", RotationSchedule.Kind.databasePassword),
        ("/prod/backend/database", .databasePassword),
        ("/prod/postgres/master_password", .databasePassword),
        ("/prod/backend/mysql_credentials", .databasePassword),
        ("/non-prod/backend/stripe_api_key", .apiKey),
        ("/prod/cloudflare/api_token", .apiKey),
        ("/prod/ci/deploy_service_account", .serviceAccount),
    ])
    func kinds(name: String, kind: RotationSchedule.Kind) {
        #expect(RotationSchedule.kind(of: SecretName(parsing: name)!) == kind)
    }

    @Test func unknownKindsHaveNoSchedule() {
        #expect(RotationSchedule.kind(of: SecretName(parsing: "/prod/backend/jwt_secret_key")!) == nil)
        #expect(RotationSchedule.kind(of: SecretName(parsing: "/prod/redis/auth_token")!) == nil)
    }

    @Test func intervals() {
        #expect(RotationSchedule.intervalDays(automaticallyAfterDays: 30, scheduleExpression: nil) == 30)
        #expect(RotationSchedule.intervalDays(automaticallyAfterDays: nil, scheduleExpression: "rate(10 days)") == 10)
        #expect(RotationSchedule.intervalDays(automaticallyAfterDays: nil, scheduleExpression: "rate(48 hours)") == 2)
        #expect(RotationSchedule.intervalDays(automaticallyAfterDays: nil, scheduleExpression: "cron(0 16 1,15 * ? *)") == nil)
        #expect(RotationSchedule.intervalDays(automaticallyAfterDays: 0, scheduleExpression: nil) == nil)
    }
}
