import Testing
@testable import AWSCore

@Suite struct ConfigFileTests {
    @Test func sectionsKeysAndComments() {
        let f = ConfigFile(parsing: """
        # comment
        [default]
        region = eu-west-1
        aws_access_key_id=AKIA1
        ; another comment
        [profile dev]
          Region = us-east-2
        endpoint_url = http://localhost:4566

        [services local]
        secrets_manager =
          endpoint_url = http://127.0.0.1:5000
        """)
        #expect(f.sections["default"]?["region"] == "eu-west-1")
        #expect(f.sections["default"]?["aws_access_key_id"] == "AKIA1")
        #expect(f.sections["profile dev"]?["region"] == "us-east-2")
        #expect(f.sections["profile dev"]?["endpoint_url"] == "http://localhost:4566")
        #expect(f.sections["services local"]?["secrets_manager.endpoint_url"] == "http://127.0.0.1:5000")
    }

    @Test func crlfAndValuesWithEquals() {
        let f = ConfigFile(parsing: "[a]\r\nkey = x=y\r\n")
        #expect(f.sections["a"]?["key"] == "x=y")
    }

    @Test func credentialsOverrideConfigForTheSameProfile() {
        let shared = SharedConfig(
            config: ConfigFile(parsing: "[profile dev]\naws_access_key_id = FROMCONFIG\nregion = us-west-2\n"),
            credentials: ConfigFile(parsing: "[dev]\naws_access_key_id = FROMCREDS\n"))
        #expect(shared.profile("dev")["aws_access_key_id"] == "FROMCREDS")
        #expect(shared.profile("dev")["region"] == "us-west-2")
        #expect(shared.profileNames == ["dev"])
    }

    @Test func defaultProfileIsNotPrefixed() {
        let shared = SharedConfig(config: ConfigFile(parsing: "[default]\nregion = ap-south-1\n"), credentials: ConfigFile())
        #expect(shared.configProfile("default")?["region"] == "ap-south-1")
        #expect(shared.configProfile("profile default") == nil)
    }
}
