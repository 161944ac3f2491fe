import ArgumentParser
import Testing
@testable import ExecCore
@testable import LwexecCLI

/// Completion candidates from names, what the typed line tells, and the shims spliced into
/// swift-argument-parser's scripts (which must find what they patch).
@Suite struct CompletionTests {
    static let names = [
        "/non-prod/backend/database_password", "/non-prod/backend/jwt_secret_key", "/non-prod/backend/db/replica_url",
        "/non-prod/batch/token", "/non-prod/redis/auth_token", "/non-prod/top_level", "/prod/backend/database_password",
    ]

    @Test func parentIsUpToTheLastSlash() {
        #expect(SecretPathCompletion.parent(of: "/non-prod/b") == "/non-prod/")
        #expect(SecretPathCompletion.parent(of: "/non-prod/") == "/non-prod/")
        #expect(SecretPathCompletion.parent(of: "/") == "/")
        #expect(SecretPathCompletion.parent(of: "") == "")
        #expect(SecretPathCompletion.parent(of: "app") == "")
    }

    @Test func prefixesCompleteOneSegmentWithATrailingSlash() {
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/non-prod/b") == ["/non-prod/backend/", "/non-prod/batch/"])
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/non-prod/ba") == ["/non-prod/backend/", "/non-prod/batch/"])
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/non-prod/backend") == ["/non-prod/backend/"])
        // Secrets are not prefixes: only sub-paths with something below them are offered.
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/non-prod/backend/") == ["/non-prod/backend/db/"])
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/non-prod/t").isEmpty)
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "/") == ["/non-prod/", "/prod/"])
        #expect(SecretPathCompletion.prefixCandidates(names: Self.names, typed: "") == ["/"])
    }

    @Test func namesCompleteWhole() {
        #expect(SecretPathCompletion.nameCandidates(names: Self.names, typed: "/non-prod/backend/d")
                == ["/non-prod/backend/database_password", "/non-prod/backend/db/replica_url"])
        #expect(SecretPathCompletion.nameCandidates(names: Self.names, typed: "/non-prod/backend/jwt_secret_key=J").isEmpty)
        #expect(SecretPathCompletion.nameCandidates(names: Self.names, typed: "/nope").isEmpty)
    }

    @Test func lineTakesTheAWSOptionsBeforeTheWord() {
        let line = CompletionLine(words: ["lwexec", "--profile", "dev", "--region=eu-west-1", "--endpoint-url", "=", "http://x", "/a"], index: 7)
        #expect(line.aws.profile == "dev")
        #expect(line.aws.region == "eu-west-1")
        #expect(line.aws.endpointURL == "http://x")
        #expect(!line.afterTerminator)
        // Options after the word being completed do not count; a `--` before it does.
        #expect(CompletionLine(words: ["lwexec", "/a", "--profile", "dev"], index: 1).aws.profile == nil)
        #expect(CompletionLine(words: ["lwexec", "/a", "--", "/b"], index: 3).afterTerminator)
        #expect(!CompletionLine(words: ["lwexec", "/a", "--"], index: 2).afterTerminator)
    }

    @Test func budgetReadsDurations() {
        #expect(CompletionNameSource.budget(nil) == 2_000)
        #expect(CompletionNameSource.budget("500ms") == 500)
        #expect(CompletionNameSource.budget("1s") == 1_000)
        #expect(CompletionNameSource.budget("0") == 0)
        #expect(CompletionNameSource.budget("soon") == 2_000)
    }

    @Test(arguments: CompletionShell.allCases)
    func shimsFindWhatTheyPatch(_ shell: CompletionShell) {
        let generated = RootCommand.completionScript(for: shell)
        switch shell {
        case .bash:
            #expect(generated.contains(BashCompletionShim.generatedRegistration))
        case .zsh:
            #expect(generated.contains(ZshCompletionShim.generatedRoot))
            #expect(generated.contains(ZshCompletionShim.generatedDispatch))
        default:
            for old in FishCompletionShim.renames.keys { #expect(generated.contains(old)) }
            #expect(generated.contains(FishCompletionShim.generatedFirstCompletion))
        }
        let script = CompletionScripts.script(for: shell)
        #expect(script.contains("lwexec additions"))
        #expect(script != generated)
    }

    @Test func shimsKnowEverySubcommand() {
        let names = Set(RootCommand.configuration.subcommands.map { $0._commandName })
        #expect(Set(CompletionScripts.shim.subcommands) == names.union(["help"]))
        #expect(!CompletionScripts.shim.others.contains("exec"))
    }
}
