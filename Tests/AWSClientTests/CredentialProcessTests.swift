import Testing
@testable import AWSClient
@testable import AWSConfig

@Suite struct CommandLineSplitTests {
    @Test func splitsLikeAShell() throws {
        #expect(try CommandLineSplit.split("tool --a 1") == ["tool", "--a", "1"])
        #expect(try CommandLineSplit.split(#"  "/opt/my tool" 'a b' c\ d "e \"f\" \g" $HOME "#)
                == ["/opt/my tool", "a b", "c d", #"e "f" \g"#, "$HOME"])
        #expect(try CommandLineSplit.split(#"a""b''c"#) == ["abc"])
        #expect(try CommandLineSplit.split(#"x """#) == ["x", ""])
        #expect(try CommandLineSplit.split("") == [])
    }

    @Test func unterminatedQuotesAreErrors() {
        #expect(throws: CommandLineSplit.SplitError.self) { try CommandLineSplit.split("a 'b") }
        #expect(throws: CommandLineSplit.SplitError.self) { try CommandLineSplit.split(#"a "b"#) }
        #expect(throws: CommandLineSplit.SplitError.self) { try CommandLineSplit.split(#"a \"#) }
    }
}

@Suite struct ProcessOutputTests {
    func parse(_ text: String) throws -> Credentials {
        try ProcessFetch.parse(Array(text.utf8), what: "credential_process of profile p", stderr: "oops")
    }

    @Test func versionOneWithExpiration() throws {
        let c = try parse(#"{"Version": 1, "AccessKeyId": "AKIA1", "SecretAccessKey": "sk", "SessionToken": "tok", "Expiration": "2030-01-01T00:00:00Z"}"#)
        #expect(c.accessKeyID == "AKIA1" && c.sessionToken == "tok" && c.expiration == 1_893_456_000)
    }

    @Test func malformedOutputNeverQuotesStdout() {
        for bad in [#"{"Version": 1, "AccessKeyId": "AKIASECRETID", "SecretAccessKey": "s3cr3tk3y""#,
                    #"{"Version": 2, "AccessKeyId": "AKIASECRETID", "SecretAccessKey": "s3cr3tk3y"}"#,
                    #"{"Version": 1, "AccessKeyId": "AKIASECRETID"}"#,
                    #"{"Version": 1, "AccessKeyId": "AKIASECRETID", "SecretAccessKey": "s3cr3tk3y", "Expiration": "soon"}"#] {
            #expect { try parse(bad) } throws: { e in
                let e = e as! AWSError
                return e.message.contains("malformed output") && e.message.contains("oops")
                    && !e.message.contains("s3cr3tk3y") && !e.message.contains("AKIASECRETID")
            }
        }
    }
}

/// A store in memory, counting what it was asked.
final class MemoryCredentialCache: CredentialCacheStore, @unchecked Sendable {
    var entries: [String: Credentials] = [:]
    var stored: [String] = []
    func load(key: String) -> Credentials? { entries[key] }
    func store(_ c: Credentials, key: String) { entries[key] = c; stored.append(key) }
}

@Suite struct CredentialCacheTests {
    func context(cache: MemoryCredentialCache) -> CredentialContext {
        var c = CredentialContext(env: ProcessEnvironment([("AWS_EC2_METADATA_DISABLED", "true")]),
                                  shared: SharedConfig(config: ConfigFile(parsing: "[default]\ncredential_process = /nonexistent/tool\n"),
                                                       credentials: ConfigFile()),
                                  profileFlag: nil)
        c.credentialCache = cache
        return c
    }

    @Test func freshCachedCredentialsSkipTheSource() throws {
        let cache = MemoryCredentialCache()
        cache.entries["process:/nonexistent/tool"] = Credentials(accessKeyID: "ASIACACHED", secretAccessKey: "s", sessionToken: "t",
                                                                  expiration: Clock.epochSeconds() + 3600, source: "cached")
        let c = try CredentialChain.resolve(context(cache: cache))
        #expect(c.accessKeyID == "ASIACACHED")
    }

    @Test func credentialsExpiringWithinFiveMinutesCountAsAbsent() {
        let cache = MemoryCredentialCache()
        cache.entries["process:/nonexistent/tool"] = Credentials(accessKeyID: "ASIAOLD", secretAccessKey: "s",
                                                                  expiration: Clock.epochSeconds() + 240, source: "cached")
        #expect { try CredentialChain.resolve(context(cache: cache)) } throws: { e in
            (e as! AWSError).message.contains("could not start /nonexistent/tool")
        }
        #expect(!CredentialFreshness.isFresh(cache.entries["process:/nonexistent/tool"]!))
    }
}
