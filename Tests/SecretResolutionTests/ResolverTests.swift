import Testing
@testable import SecretResolution
import SecretsManager

@Suite struct ResolverTests {
    let store = FakeStore([
        "/np/backend/database_password": "pw", "/np/backend/api-key": "k", "/np/backend/nested/deep": "d",
        "/np/backend-old/stale": "old", "/np/Backend/upper": "up",
        "/np/shared/api-key": "shared-k", "/np/shared/region": "eu",
        "/np/json/database": #"{"username":"admin","password":"p","port":5432,"opts":{"ssl":true}}"#,
        "/np/json/list": "[1,2]",
        "/np/digit/1password": "x",
        "/np/clash/x-y": "1", "/np/clash/x_y": "2",
        "/np/nul/bad": "a\u{0}b",
    ], binary: ["/np/bin/cert": [0, 1, 2, 255]])

    @Test func directChildrenOnBoundary() throws {
        let env = try resolve(store, ResolutionRequest(prefixes: ["/np/backend/"]))
        #expect(env == ["DATABASE_PASSWORD": "pw", "API_KEY": "k"])
    }

    @Test func recursiveTakesSubPaths() throws {
        let env = try resolve(store, ResolutionRequest(prefixes: ["/np/backend"], recursive: true))
        #expect(env["NESTED_DEEP"] == "d")
        #expect(env.count == 3)
    }

    @Test func laterPrefixOverridesAndIsAnnounced() throws {
        let r = try Resolver(request: ResolutionRequest(prefixes: ["/np/backend", "/np/shared"])).resolve(using: store)
        let env = Dictionary(uniqueKeysWithValues: r.variables.map { ($0.name, $0.value) })
        #expect(env["API_KEY"] == "shared-k")
        #expect(r.notices == ["API_KEY: /np/shared/api-key overrides /np/backend/api-key"])
        #expect(!r.notices.joined().contains("shared-k"))
    }

    @Test func secretOverridesPrefixes() throws {
        let req = ResolutionRequest(prefixes: ["/np/shared"], secrets: [SecretRef(name: "/np/backend/api-key"), SecretRef(name: "/np/backend/database_password", variable: "PGPASSWORD")])
        let r = try Resolver(request: req).resolve(using: store)
        let env = Dictionary(uniqueKeysWithValues: r.variables.map { ($0.name, $0.value) })
        #expect(env["API_KEY"] == "k")
        #expect(env["PGPASSWORD"] == "pw")
        #expect(r.notices.count == 1 && r.notices[0].hasPrefix("API_KEY: --secret /np/backend/api-key overrides"))
    }

    @Test func envPrefixAppliesToDerivedNamesOnly() throws {
        let env = try resolve(store, ResolutionRequest(prefixes: ["/np/shared"], secrets: [SecretRef(name: "/np/backend/api-key", variable: "K")], envPrefix: "APP_"))
        #expect(env == ["APP_API_KEY": "shared-k", "APP_REGION": "eu", "K": "k"])
    }

    @Test func expandJSON() throws {
        let env = try resolve(store, ResolutionRequest(prefixes: ["/np/json"], expandJSON: true))
        #expect(env == ["DATABASE_USERNAME": "admin", "DATABASE_PASSWORD": "p", "DATABASE_PORT": "5432",
                        "DATABASE_OPTS": #"{"ssl":true}"#, "LIST": "[1,2]"])
        let plain = try resolve(store, ResolutionRequest(prefixes: ["/np/json"]))
        #expect(plain["DATABASE"]?.hasPrefix("{") == true)
    }

    @Test func binaryIsBase64() throws {
        #expect(try resolve(store, ResolutionRequest(prefixes: ["/np/bin"])) == ["CERT": "AAEC/w=="])
    }

    @Test func collisionNamesBothSecrets() {
        #expect { try resolve(store, ResolutionRequest(prefixes: ["/np/clash"])) } throws: { e in
            let m = (e as! ResolutionError).message
            return m.contains("/np/clash/x-y") && m.contains("/np/clash/x_y") && m.contains("X_Y")
        }
    }

    @Test func leadingDigitIsAnError() throws {
        #expect { try resolve(store, ResolutionRequest(prefixes: ["/np/digit"])) } throws: { e in
            (e as! ResolutionError).message.contains("/np/digit/1password")
        }
        #expect(try resolve(store, ResolutionRequest(prefixes: ["/np/digit"], envPrefix: "X_")) == ["X_1PASSWORD": "x"])
    }

    @Test func nulIsAnError() {
        #expect { try resolve(store, ResolutionRequest(prefixes: ["/np/nul"])) } throws: { e in
            (e as! ResolutionError).message.contains("NUL")
        }
    }

    @Test func emptyPrefixSuggestsAndAllowEmptyRuns() throws {
        #expect { try resolve(store, ResolutionRequest(prefixes: ["/np/backnd"])) } throws: { e in
            ((e as! ResolutionError).hint ?? "").contains("/np/backend")
        }
        #expect(try resolve(store, ResolutionRequest(prefixes: ["/np/backnd"], allowEmpty: true)) == [:])
    }

    @Test func onlyDeeperSecretsSuggestRecursive() {
        let deep = FakeStore(["/d/a/b": "1"])
        #expect { try resolve(deep, ResolutionRequest(prefixes: ["/d"])) } throws: { e in
            ((e as! ResolutionError).hint ?? "").contains("--recursive") && (e as! ResolutionError).message.contains("/d/a/b")
        }
    }

    @Test func missingNamedSecret() {
        #expect { try resolve(store, ResolutionRequest(secrets: [SecretRef(name: "/np/nope")])) } throws: { e in
            (e as! ResolutionError).message.contains("/np/nope")
        }
    }
}

/// `EnvironmentBuilder.build` over text, for readable expectations.
func build(_ inherited: [(String, String)], _ r: Resolution, _ mode: EnvironmentMode) -> ([(String, String)], [String]) {
    let (env, notices) = EnvironmentBuilder.build(inherited: inherited.map { (Array($0.0.utf8), Array($0.1.utf8)) },
                                                  resolution: r, mode: mode)
    return (env.map { (String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }, notices)
}

@Suite struct EnvironmentBuilderTests {
    /// Inherited names and values that are not UTF-8 pass through byte for byte.
    @Test func invalidUTF8PassesThroughExactly() {
        let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9]  // "caf\xe9"
        let inherited: [EnvironmentBuilder.Entry] = [(Array("LEGACY".utf8), latin1), ([0x4E, 0xE9], [0x31])]
        let r = Resolution(variables: [ResolvedVariable(name: "NEW", value: "n", secret: "/a/new", explicit: false)], notices: [])
        let (env, _) = EnvironmentBuilder.build(inherited: inherited, resolution: r, mode: .secretsWin)
        #expect(env.count == 3)
        #expect(env[0].name == Array("LEGACY".utf8) && env[0].value == latin1)
        #expect(env[1].name == [0x4E, 0xE9] && env[1].value == [0x31])
    }

    let resolution = Resolution(variables: [
        ResolvedVariable(name: "HOME", value: "secret-home", secret: "/a/home", explicit: false),
        ResolvedVariable(name: "NEW", value: "n", secret: "/a/new", explicit: false),
    ], notices: [])
    let inherited = [("PATH", "/bin"), ("HOME", "/root")]

    @Test func secretsWinByDefault() {
        let (env, notices) = build(inherited, resolution, .secretsWin)
        #expect(env.map { "\($0.0)=\($0.1)" } == ["PATH=/bin", "HOME=secret-home", "NEW=n"])
        #expect(notices == ["HOME: /a/home overrides the inherited environment"])
    }

    @Test func keepEnv() {
        let (env, notices) = build(inherited, resolution, .inheritedWins)
        #expect(env.map { "\($0.0)=\($0.1)" } == ["PATH=/bin", "HOME=/root", "NEW=n"])
        #expect(notices.count == 1 && notices[0].contains("--keep-env"))
    }

    @Test func pristine() {
        let (env, _) = build(inherited, resolution, .pristine)
        #expect(env.map(\.0) == ["HOME", "NEW"])
    }

    /// Many secrets against many inherited variables (the hashed path) give what few do (the linear one).
    @Test(arguments: [3, 200]) func overridesAndOrderDoNotDependOnSize(count: Int) {
        let secrets = (0..<count).map { ResolvedVariable(name: "S\($0)", value: "v\($0)", secret: "/a/s\($0)", explicit: false) }
        let inherited = (0..<count).map { ("I\($0)", "i") } + [("S1", "inherited")]
        let r = Resolution(variables: secrets + [ResolvedVariable(name: "S1", value: "later", secret: "/b/s1", explicit: true)],
                           notices: [])
        let (env, notices) = build(inherited, r, .secretsWin)
        #expect(env.count == 2 * count)
        #expect(Array(env.prefix(count + 1).map(\.0)) == inherited.map(\.0))
        #expect(env[count] == ("S1", "later"))  // the later definition of a name wins, in the inherited place
        #expect(env.filter { $0.0 == "S1" }.count == 1)
        #expect(notices == ["S1: /b/s1 overrides the inherited environment"])
    }

    /// A name set twice in environ reaches the child once, as getenv sees it (the first), in a
    /// usual environment and in one large enough to be hashed.
    @Test(arguments: [2, 600]) func duplicatesKeepTheFirst(size: Int) {
        let filler = (0..<size).map { ("V\($0)", "\($0)") }
        let inherited = [("PATH", "/bin"), ("HOME", "/root")] + filler + [("PATH", "/evil"), ("HOME", "/other")]
        let (env, notices) = build(inherited, resolution, .secretsWin)
        #expect(env.count == size + 3)
        #expect(env.filter { $0.0 == "PATH" }.map(\.1) == ["/bin"])
        #expect(env.filter { $0.0 == "HOME" }.map(\.1) == ["secret-home"])
        #expect(env.last! == ("NEW", "n") && notices.count == 1)
    }
}

@Suite struct ReviewFindingsTests {
    @Test func anEmptyPrefixIsRefused() {
        let store = FakeStore(["/a/x": "1"])
        #expect { try resolve(store, ResolutionRequest(prefixes: [""], recursive: true)) } throws: { e in
            (e as! ResolutionError).message.contains("empty prefix")
        }
    }

    @Test func secretVariableComesFromTheSecretsOwnName() throws {
        // The store answers an ARN argument with the secret's real name.
        struct ARNStore: SecretStore {
            func fetch(prefixes: [String], names: [String], recursive: Bool) throws(ResolutionError) -> FetchedSecrets {
                FetchedSecrets(byName: Dictionary(uniqueKeysWithValues: names.map {
                    ($0, SecretValue(name: "/prod/backend/jwt_secret_key", arn: $0, payload: .string("v")))
                }))
            }
            func namesForSuggestions(near prefix: String) -> [String] { [] }
        }
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:/prod/backend/jwt_secret_key-AbCdEf"
        let r = try Resolver(request: ResolutionRequest(secrets: [SecretRef(name: arn)])).resolve(using: ARNStore())
        #expect(r.variables.map(\.name) == ["JWT_SECRET_KEY"])
    }
}
