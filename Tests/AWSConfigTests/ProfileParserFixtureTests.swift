import Testing
@testable import AWSConfig
import LWJSON

/// The AWS SDKs' shared profile-file cases, vendored from smithy-rs (see Fixtures/profile-parser/README.md),
/// run as smithy-rs's own runner runs them: the config text and the credentials text are parsed as the
/// two files, and the expected profiles (credentials-file properties over config-file ones) and
/// `[sso-session]` sections must come out exactly, or loading must fail with an error containing the
/// expected text. Every case runs; none is skipped.
enum ProfileFixtures {
    static let directory: String = {
        let file = #filePath
        return file[..<(file.lastIndex(of: "/") ?? file.endIndex)] + "/Fixtures/profile-parser"
    }()

    /// The `tests` array of a vendored file; empty when it is missing or malformed (the count tests then fail).
    static func tests(_ file: String) -> [JSONValue] {
        guard let bytes = try? FileReading.contents(of: directory + "/" + file), let json = try? JSON.parse(bytes),
              let tests = json["tests"]?.array else { return [] }
        return tests
    }

    static func stringMap(_ v: JSONValue?) -> [String: String]? {
        guard let o = v?.object else { return nil }
        var out: [String: String] = [:]
        for (k, v) in o {
            guard let s = v.string else { return nil }
            out[k] = s
        }
        return out
    }

    static func sections(_ v: JSONValue?) -> [String: [String: String]]? {
        guard let o = v?.object else { return nil }
        var out: [String: [String: String]] = [:]
        for (k, v) in o {
            guard let m = stringMap(v) else { return nil }
            out[k] = m
        }
        return out
    }
}

/// One case of `profile-parser-tests.json`.
struct ProfileParserCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case parsed(profiles: [String: [String: String]], ssoSessions: [String: [String: String]])
        case error(containing: String)
        /// The case could not be read from the JSON (reported as a failure, never skipped).
        case unreadable(String)
    }

    var index: Int
    var name: String
    var configFile: String?
    var credentialsFile: String?
    var expected: Expected

    /// Names repeat in the upstream file, so the position is part of the label.
    var testDescription: String { "#\(index) \(name)" }

    init(index: Int, json: JSONValue) {
        self.index = index
        name = json["name"]?.string ?? "(unnamed)"
        configFile = json["input"]?["configFile"]?.string
        credentialsFile = json["input"]?["credentialsFile"]?.string
        let output = json["output"]
        if let text = output?["errorContaining"]?.string {
            expected = .error(containing: text)
        } else if let config = output?["config"], let profiles = ProfileFixtures.sections(config["profiles"]) {
            let sso = config["sso_sessions"] == nil ? [:] : ProfileFixtures.sections(config["sso_sessions"])
            expected = sso.map { .parsed(profiles: profiles, ssoSessions: $0) } ?? .unreadable("sso_sessions is not a map of maps")
        } else {
            expected = .unreadable("output has neither errorContaining nor config.profiles")
        }
    }

    static let all: [ProfileParserCase] = ProfileFixtures.tests("profile-parser-tests.json").enumerated()
        .map { ProfileParserCase(index: $0.offset, json: $0.element) }

    /// What lwexec reads from the two files: the merged profiles and the sso-sessions, or the error.
    func load() -> Result<(profiles: [String: [String: String]], ssoSessions: [String: [String: String]]), AWSError> {
        do throws(AWSError) {
            let shared = SharedConfig(config: try ConfigFile(parsing: configFile ?? "", path: "~/.aws/config"),
                                      credentials: try ConfigFile(parsing: credentialsFile ?? "", path: "~/.aws/credentials"))
            var profiles: [String: [String: String]] = [:]
            for name in shared.profileNames { profiles[name] = shared.profile(name) }
            var sessions: [String: [String: String]] = [:]
            for name in shared.ssoSessionNames { sessions[name] = shared.ssoSession(name) }
            return .success((profiles, sessions))
        } catch {
            return .failure(error)
        }
    }
}

@Suite struct ProfileParserFixtureTests {
    @Test func everyUpstreamCaseIsLoaded() {
        #expect(ProfileParserCase.all.count == 65, "profile-parser-tests.json changed: update this count after reading the new cases")
    }

    @Test(arguments: ProfileParserCase.all)
    func upstreamCase(_ c: ProfileParserCase) {
        switch (c.expected, c.load()) {
        case (.parsed(let profiles, let sessions), .success(let got)):
            #expect(got.profiles == profiles, "profiles")
            #expect(got.ssoSessions == sessions, "sso-sessions")
        case (.error(let text), .failure(let error)):
            #expect(error.message.contains(text), "expected an error containing \(text)")
            #expect(error.kind == .configuration)
            // Which file and which line, and what to do about it.
            let file = c.configFile.map { _ in "~/.aws/config line " } ?? "~/.aws/credentials line "
            #expect(error.message.hasPrefix(file), "the error names the file and line: \(error.message)")
            #expect(error.hint?.isEmpty == false)
        case (.parsed, .failure(let error)):
            Issue.record("expected the files to load, got: \(error.message)")
        case (.error(let text), .success(let got)):
            Issue.record("expected an error containing \(text), loaded \(got.profiles)")
        case (.unreadable(let why), _):
            Issue.record("fixture case unreadable: \(why)")
        }
    }
}

/// One case of `file-location-tests.json`: where the files are and which profile is used, from the environment.
struct FileLocationCase: Sendable, CustomTestStringConvertible {
    var index: Int
    var name: String
    var environment: [String: String]
    var platform: String
    var profile: String?
    var configLocation: String
    var credentialsLocation: String

    var testDescription: String { "#\(index) \(name) (\(platform))" }

    init?(index: Int, json: JSONValue) {
        guard let name = json["name"]?.string, let env = ProfileFixtures.stringMap(json["environment"]),
              let platform = json["platform"]?.string, let config = json["configLocation"]?.string,
              let credentials = json["credentialsLocation"]?.string else { return nil }
        self.index = index
        self.name = name
        environment = env
        self.platform = platform
        profile = json["profile"]?.string
        configLocation = config
        credentialsLocation = credentials
    }

    static let raw: [JSONValue] = ProfileFixtures.tests("file-location-tests.json")
    static let all: [FileLocationCase] = raw.enumerated().compactMap { FileLocationCase(index: $0.offset, json: $0.element) }

    /// The cases that do not apply, and why: lwexec runs on Linux only, and these check how Windows finds
    /// the home directory (%USERPROFILE%, %HOMEDRIVE%%HOMEPATH%) and joins paths with backslashes.
    static let notApplicablePlatforms: [String: String] = ["windows": "lwexec runs on Linux only"]
    static let run = all.filter { notApplicablePlatforms[$0.platform] == nil }
    static let notRun = all.filter { notApplicablePlatforms[$0.platform] != nil }
}

@Suite struct FileLocationFixtureTests {
    @Test func everyUpstreamCaseIsAccountedFor() {
        #expect(FileLocationCase.raw.count == 9, "file-location-tests.json changed: update these counts after reading the new cases")
        #expect(FileLocationCase.all.count == FileLocationCase.raw.count, "a case could not be read")
        // 4 Linux cases run; the 5 Windows ones are listed as not applicable (see notApplicablePlatforms).
        #expect(FileLocationCase.run.count == 4)
        #expect(FileLocationCase.notRun.count == 5)
        #expect(FileLocationCase.notRun.allSatisfy { $0.platform == "windows" })
    }

    @Test(arguments: FileLocationCase.run)
    func upstreamCase(_ c: FileLocationCase) throws {
        let env = ProcessEnvironment(c.environment.map { ($0.key, $0.value) })
        let shared = try SharedConfig.load(env)
        #expect(shared.configPath == c.configLocation)
        #expect(shared.credentialsPath == c.credentialsLocation)
        if let profile = c.profile {
            #expect(CredentialContext(env: env, shared: shared, profileFlag: nil).profileName == profile)
        }
    }
}
