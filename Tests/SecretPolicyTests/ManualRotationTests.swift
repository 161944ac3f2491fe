import Testing
@testable import SecretPolicy

@Suite struct ManualRotationTests {
    @Test(arguments: ["/prod/backend/database_password", "/non-prod/backend/service_account", "/prod/ci/deploy_serviceaccount",
                      "/non-prod/redis/admin_pwd", "/prod/backend/db_credentials",
                      "arn:aws:secretsmanager:us-east-1:123456789012:secret:/prod/backend/database_password-AbCdEf"])
    func passwordsAndServiceAccountsRotateInTwoPhases(_ name: String) {
        #expect(ManualRotation.needsTwoPhases(name))
    }

    @Test(arguments: ["/prod/backend/jwt_secret_key", "/non-prod/backend/stripe_api_key", "/prod/cloudflare/api_token",
                      "/non-prod/redis/auth_token", "/prod/passwords/jwt_secret_key"])
    func otherValuesRotateInOneStep(_ name: String) {
        #expect(!ManualRotation.needsTwoPhases(name))
    }

    @Test func productionByPathOrARN() {
        #expect(ManualRotation.isProduction("/prod/backend/jwt_secret_key"))
        #expect(ManualRotation.isProduction("arn:aws:secretsmanager:us-east-1:123456789012:secret:/prod/backend/x-AbCdEf"))
        #expect(!ManualRotation.isProduction("/non-prod/backend/jwt_secret_key"))
        #expect(!ManualRotation.isProduction("/production-like/backend/jwt_secret_key"))
        #expect(!ManualRotation.isProduction("arn:aws:secretsmanager:us-east-1:123456789012:secret:/non-prod/x-AbCdEf"))
    }
}
