import Glibc
import Testing
@testable import AWSConfig

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
        #expect(f.sections["services local"] == ["secrets_manager.endpoint_url": "http://127.0.0.1:5000"])
    }

    @Test func crlfAndValuesWithEquals() {
        let f = ConfigFile(parsing: "[a]\r\nkey = x=y\r\n")
        #expect(f.sections["a"]?["key"] == "x=y")
    }

    @Test func bytesAndTextParseAlike() throws {
        let text = "[profile a]\nk = v ; c\ns3 =\n  x = 1\n"
        #expect(try ConfigFile(parsing: Array(text.utf8), path: "p") == ConfigFile(parsing: text, path: "p"))
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

    @Test func profileDefaultWinsOverDefaultWhereverItIs() {
        for text in ["[default]\nregion = a\nx = 1\n[profile default]\nregion = b\n",
                     "[profile default]\nregion = b\n[default]\nregion = a\nx = 1\n"] {
            let shared = SharedConfig(config: ConfigFile(parsing: text), credentials: ConfigFile())
            #expect(shared.configProfile("default") == ["region": "b"])
            #expect(shared.profileNames == ["default"])
        }
    }

    @Test func whichSectionsAreProfilesDependsOnTheFile() {
        let shared = SharedConfig(
            config: ConfigFile(parsing: "[foo]\nregion = a\n[profile\tbar \t]\nregion = b\n[profile in valid]\nregion = c\n"),
            credentials: ConfigFile(parsing: "[profile foo]\naws_access_key_id = A\n[  baz ]\naws_access_key_id = B\n[in valid]\nx = y\n"))
        #expect(shared.configProfile("foo") == nil)
        #expect(shared.credentialsProfile("foo") == nil)
        #expect(!shared.hasProfile("foo"))
        #expect(shared.configProfile("bar") == ["region": "b"])
        #expect(shared.credentialsProfile("baz") == ["aws_access_key_id": "B"])
        #expect(shared.profileNames == ["bar", "baz"])
        #expect(shared.credentialsProfile("profile foo") == nil)
        #expect(shared.configProfile("in valid") == nil)
    }

    @Test func continuationsAndSubProperties() {
        let f = ConfigFile(parsing: """
        [profile p]
        name = value
          -continued # kept
        s3 =
          addressing_style = path

          max_concurrent_requests = 20
        Bad Name = ignored
        [sso-session corp]
        sso_start_url = https://x/start
        """)
        #expect(f.sections["profile p"] == ["name": "value\n-continued # kept",
                                            "s3": "\naddressing_style = path\nmax_concurrent_requests = 20"])
        #expect(f.sections["sso-session corp"] == ["sso_start_url": "https://x/start"])
    }

    @Test func servicesSectionsHoldTheirSubProperties() {
        let f = ConfigFile(parsing: """
        [services s]
        ignored = value
        secrets_manager =
          Endpoint_URL = http://old
        secrets_manager =
          endpoint_url = http://127.0.0.1:1 ; not a comment here
        sts =
          endpoint_url = http://127.0.0.1:2
        """)
        #expect(f.sections["services s"] == ["secrets_manager.endpoint_url": "http://127.0.0.1:1 ; not a comment here",
                                             "sts.endpoint_url": "http://127.0.0.1:2"])
    }

    /// The AWS CLI skips indented comments; the SDKs' parsers would make them part of a value (or, under
    /// `name =`, reject them). lwexec reads them as the CLI does.
    @Test func indentedCommentsAreComments() {
        let f = ConfigFile(parsing: "[services s]\nsecrets_manager =\n  # local moto\n  endpoint_url = http://x\n[default]\n  ; note\nregion = eu-west-1\n    # more\n")
        #expect(f.sections["services s"] == ["secrets_manager.endpoint_url": "http://x"])
        #expect(f.sections["default"] == ["region": "eu-west-1"])
    }

    @Test func malformedLinesFailWithFileLineAndHint() {
        let cases: [(String, Int, String)] = [
            ("[profile foo", 1, "Profile definition must end with ']'"),
            ("# c\n\nregion = x\n", 3, "Expected a profile definition"),
            ("  -continued", 1, "Expected a profile definition"),
            ("[default]\n  region = x\n", 2, "Expected a property definition, found continuation"),
            ("[default]\nregion = a\n[default]\n  more\n", 4, "Expected a property definition, found continuation"),
            ("[default]\r\n= x\r\n", 2, "Property did not have a name"),
            ("[default]\nregion : x\n", 2, "Expected an '=' sign defining a property"),
            ("[default]\ns3 =\n  invalid\n", 3, "Expected an '=' sign defining a sub-property"),
            ("[default]\ns3 =\n  = v\n", 3, "Sub-property did not have a name"),
            // A section that is ignored (an invalid name, or not a profile in this file) is still checked.
            ("[profile in valid]\nno equals\n", 2, "Expected an '=' sign defining a property"),
            ("[default]\n[profile x#y]\n", 2, "Profile definition must end with ']'"),
        ]
        for (text, line, message) in cases {
            #expect(throws: AWSError.self, "\(text)") {
                try ConfigFile(parsing: text, path: "/home/u/.aws/config")
            }
            do {
                _ = try ConfigFile(parsing: text, path: "/home/u/.aws/config")
            } catch {
                #expect(error.kind == .configuration)
                #expect(error.message.hasPrefix("/home/u/.aws/config line \(line): \(message)"), "\(error.message)")
                #expect(error.hint?.isEmpty == false)
            }
        }
    }

    @Test func errorsDoNotQuoteTheLine() throws {
        do {
            _ = try ConfigFile(parsing: "[default]\naws_secret_access_key : wJalrXUtnFEMIK7MDENG\n", path: "c")
            Issue.record("expected an error")
        } catch {
            #expect(!error.message.contains("wJalr") && error.hint?.contains("wJalr") == false)
        }
    }

    @Test func unreadableDefaultFileIsAbsentButANamedOneIsAnError() throws {
        // A directory cannot be read as a file, even by root (a file without read permission can be).
        var template = Array("/tmp/lwexec-cfg-XXXXXX".utf8CString)
        let dir = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        defer { rmdir(dir + "/.aws/config"); rmdir(dir + "/.aws"); rmdir(dir) }
        mkdir(dir + "/.aws", 0o700)
        mkdir(dir + "/.aws/config", 0o700)

        let home = ProcessEnvironment([("HOME", dir)])
        let shared = try SharedConfig.load(home)
        #expect(shared.config == ConfigFile() && shared.configPath == dir + "/.aws/config")

        let named = ProcessEnvironment([("HOME", dir), ("AWS_CONFIG_FILE", dir + "/.aws/config")])
        #expect(throws: AWSError.self) { try SharedConfig.load(named) }
        do {
            _ = try SharedConfig.load(named)
        } catch {
            #expect(error.message.contains("cannot read \(dir)/.aws/config"))
            #expect(error.hint?.contains("AWS_CONFIG_FILE") == true)
        }
        // A named file that does not exist is empty, as before.
        let missing = ProcessEnvironment([("HOME", dir), ("AWS_SHARED_CREDENTIALS_FILE", dir + "/nope")])
        #expect(try SharedConfig.load(missing).credentials == ConfigFile())
    }

    @Test func malformedFileFailsTheLoad() throws {
        var template = Array("/tmp/lwexec-cfg-XXXXXX".utf8CString)
        let dir = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
        let path = dir + "/credentials"
        defer { unlink(path); rmdir(dir) }
        let f = try #require(fopen(path, "w"))
        fputs("[default]\naws_access_key_id = A\naws_secret_access_key\n", f)
        fclose(f)
        do {
            _ = try SharedConfig.load(ProcessEnvironment([("HOME", dir), ("AWS_SHARED_CREDENTIALS_FILE", path)]))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "\(path) line 3: Expected an '=' sign defining a property")
        }
    }
}
