import Glibc
import Testing
@testable import AWSConfig

/// `ConfigFile(indexing:)` — what `SharedConfig.load` uses, so that a warm start reads only the sections
/// it needs — gives the answers of the whole parse (`ConfigFile(parsing:)`): the same error (file, line,
/// message, hint) for a malformed file, and for a good one the same properties for every key asked.
enum IndexComparison {
    /// Keys asked of every file besides those it has: absent ones, and keys that look like its sections.
    static let probes = ["default", "profile default", "a", "b", "profile a", "profile b", "profile a b",
                         "sso-session s", "services x", "profile", "profile ", "", " ", "\u{FFFD}x a", "é a",
                         "profile p0", "p0", "profile p4999", "sso-session p0", "services p0"]

    /// Records every difference between the two readings of `text` (`label` names the case).
    static func compare(_ text: String, _ label: String) {
        let bytes = Array(text.utf8)
        let full: Result<ConfigFile, AWSError>, indexed: Result<ConfigFile, AWSError>
        do throws(AWSError) { full = .success(try ConfigFile(parsing: bytes, path: "/h/.aws/config")) } catch { full = .failure(error) }
        do throws(AWSError) { indexed = .success(try ConfigFile(indexing: bytes, path: "/h/.aws/config")) } catch { indexed = .failure(error) }
        switch (full, indexed) {
        case (.failure(let a), .failure(let b)):
            #expect(a.message == b.message && a.hint == b.hint && a.kind == b.kind, "\(label): \(a.message) / \(b.message)")
        case (.success(let a), .success(let b)):
            #expect(b.isIndexed)
            for key in Set(a.sections.keys).union(probes) where a.sections[key] != b.section(key) {
                Issue.record("\(label): section \(key): \(String(describing: a.sections[key])) / \(String(describing: b.section(key)))")
            }
            #expect(a.sections == b.sections, "\(label): all sections")
        case (.failure(let a), .success):
            Issue.record("\(label): the whole parse fails (\(a.message)), the index does not")
        case (.success, .failure(let b)):
            Issue.record("\(label): the index fails (\(b.message)), the whole parse does not")
        }
    }

    /// SplitMix64: the same files on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Lines that exercise each rule of the grammar, good and bad, mixed at random.
    static let fragments = [
        "[profile a]", "[ profile  a ]", "[profile a] # c", "[profile a];c", "[profile a", "[default]", "[a]", "[b]",
        "[profile a b]", "[sso-session s]", "[services x]", "[é a]", "[\u{FFFD}x a]", "[profile \u{0B}]",
        "[profile \u{0B}a]", "[profile\ta]", "[]", "[ ]", "[profile a;]", "[profile #a]", "[profile]", "[pro\u{0B}file a]",
        "k = v", "K=V", "k = v # c", "k = v#c", "k =", "k = ; c", "k =\t#c", "=v", " = v", "k", "k\u{A0}# c = v",
        "k # c = v", "k=\u{A0};x", "k =\u{0B}#x", "k = a=b", "s3 =", "x y = z", "sso_session = s", "region = r",
        "  more", "\tk = v", "  # c", "  x", "  =y", "   k =", " ; c", "  k = v ; c", "\u{0B}k = v",
        "", "   ", "# comment", "; comment", "#[profile a]", "k = \u{3000}#c", "k\u{2028};c = v", "é = v",
        "[profile a]  ", "[profile\ta]\t", "[a b c]", "[profile a ] ", "[profile é]", "[profile a.b@c:d+e%f/g-h_i]",
        "[sso-session s] x", "[ a]", "k= v", "k=", "k =  ", "k=#x", "k= #x", "k\t=\t;x", "x.y = 1", "\rk = v", "k;=v",
    ]

    static func randomFile(_ rng: inout Generator) -> String {
        let lines = Int.random(in: 0...24, using: &rng)
        let crlf = Bool.random(using: &rng)
        var out = ""
        for i in 0..<lines {
            out += fragments.randomElement(using: &rng)!
            if i < lines - 1 || Bool.random(using: &rng) { out += crlf ? "\r\n" : "\n" }
        }
        return out
    }

    /// A config file as organisations generate them: `count` profiles of `properties` lines each, with
    /// roles over a source profile, SSO sessions, comments, sub-properties and repeated sections.
    static func manyProfiles(_ count: Int, properties: Int) -> String {
        var out = "# generated\n[default]\nregion = us-east-1\n\n[sso-session s]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n\n"
        for i in 0..<count {
            out += i % 7 == 0 ? "[ profile   p\(i) ] ; role \(i)\n" : "[profile p\(i)]\n"
            out += "role_arn = arn:aws:iam::\(100_000_000_000 + i):role/Admin\nsource_profile = p\(max(0, i - 1))\n"
            for k in 0..<max(0, properties - 2) { out += "prop_\(k) = value \(k) of p\(i) # note\n" }
            if i % 11 == 0 { out += "s3 =\n  addressing_style = path\n" }
            if i % 13 == 0 { out += "\n[services p\(i)]\nsecrets_manager =\n  endpoint_url = http://127.0.0.1:\(i)\n" }
            if i % 17 == 0 { out += "[profile p\(i / 2)]\nregion = eu-central-\(i)\n" }
            out += "\n"
        }
        return out
    }
}

@Suite struct ConfigFileIndexTests {
    /// Every vendored SDK case, config and credentials text alike.
    @Test(arguments: ProfileParserCase.all)
    func sameAnswersOnTheUpstreamCases(_ c: ProfileParserCase) {
        IndexComparison.compare(c.configFile ?? "", "#\(c.index) \(c.name) config")
        IndexComparison.compare(c.credentialsFile ?? "", "#\(c.index) \(c.name) credentials")
    }

    /// The upstream cases read through `SharedConfig` with indexed files: the same profiles and sessions.
    @Test(arguments: ProfileParserCase.all)
    func sameProfilesThroughSharedConfig(_ c: ProfileParserCase) throws {
        guard case .success(let expected) = c.load() else { return }
        let shared = SharedConfig(config: try ConfigFile(indexing: Array((c.configFile ?? "").utf8), path: "~/.aws/config"),
                                  credentials: try ConfigFile(indexing: Array((c.credentialsFile ?? "").utf8), path: "~/.aws/credentials"))
        #expect(Dictionary(uniqueKeysWithValues: shared.profileNames.map { ($0, shared.profile($0)) }) == expected.profiles)
        #expect(Dictionary(uniqueKeysWithValues: shared.ssoSessionNames.map { ($0, shared.ssoSession($0)!) }) == expected.ssoSessions)
    }

    @Test(arguments: [(1, 2), (5_000, 2), (5_000, 5)])
    func sameAnswersOnManyProfiles(_ count: Int, _ properties: Int) {
        IndexComparison.compare(IndexComparison.manyProfiles(count, properties: properties), "\(count) profiles")
    }

    /// A bad line anywhere in a large file fails it, at that line, as the whole parse does.
    @Test func aBadLineAnywhereFailsTheWholeFile() throws {
        let lines = IndexComparison.manyProfiles(1_000, properties: 3).split(separator: "\n", omittingEmptySubsequences: false)
        for (at, bad) in [(1, "region = x"), (2, "  indented"), (500, "no equals here"), (2_000, "[profile open"),
                          (lines.count - 1, "= v"), (3_001, "k # = v")] {
            var edited = lines
            edited.insert(Substring(bad), at: at)
            let text = edited.joined(separator: "\n")
            IndexComparison.compare(text, "\(bad) at line \(at + 1)")
            #expect(throws: AWSError.self) { try ConfigFile(indexing: Array(text.utf8), path: "/h/.aws/config") }
        }
    }

    /// Random files from lines that exercise every rule, good and bad (a fixed seed: the same files each run).
    @Test func sameAnswersOnRandomFiles() {
        var rng = IndexComparison.Generator(state: 22)
        for i in 0..<3_000 {
            let text = IndexComparison.randomFile(&rng)
            IndexComparison.compare(text, "random file \(i): \(Array(text.utf8))")
        }
    }

    /// A large file a run loads is indexed (sections are read when asked for); a small one is parsed whole.
    @Test func sharedConfigLoadIndexesTheFiles() throws {
        let dir = "/tmp/lwexec-index-test-\(getpid())"
        mkdir(dir, 0o700)
        defer { unlink(dir + "/config"); unlink(dir + "/credentials"); rmdir(dir) }
        for (name, text) in [("config", IndexComparison.manyProfiles(200, properties: 3)), ("credentials", "[p3]\naws_access_key_id = A\naws_secret_access_key = S\n")] {
            let fd = open(dir + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            FileDescriptorIO.writeAll(fd, text)
            close(fd)
        }
        let env = ProcessEnvironment([("HOME", "/nonexistent"), ("AWS_CONFIG_FILE", dir + "/config"),
                                      ("AWS_SHARED_CREDENTIALS_FILE", dir + "/credentials"), ("AWS_PROFILE", "p5")])
        let shared = try SharedConfig.load(env)
        #expect(shared.config.isIndexed && !shared.credentials.isIndexed)
        let plan = try CredentialPlan.make(CredentialContext(env: env, shared: shared, profileFlag: nil))
        // p5 -> p4 -> p3 (keys in the credentials file): the chain is followed through the index.
        #expect(plan?.identity == "role:arn:aws:iam::100000000005:role/Admin|source:role:arn:aws:iam::100000000004:role/Admin|source:key:A")
        #expect(shared.configProfile("p8")?["region"] == "eu-central-17")
    }
}
