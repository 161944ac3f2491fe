import AWSCore
import Testing
@testable import ExecCore

/// What the warm-start launcher declines (and so hands to lwexec-core), and where it looks for it.
@Suite struct WarmStartTests {
    static func options(_ args: [String]) -> ExecOptions {
        FastPath.parse(args, subcommands: FastPath.subcommands)!
    }

    static let configured = ProcessEnvironment([
        ("PATH", "/usr/bin:/bin"), ("HOME", "/nonexistent"), ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "x"), ("AWS_REGION", "us-east-1"), ("AWS_EC2_METADATA_DISABLED", "true"),
    ])

    @Test func withoutTheCacheEveryRunIsHandedOn() {
        #expect(WarmStart.servable(Self.options(["/a", "--", "true"]), env: Self.configured) == nil)
        #expect(WarmStart.servable(Self.options(["--no-cache", "/a", "--", "true"]),
                                   env: ProcessEnvironment(Self.configured.ordered + [("LWEXEC_CACHE", "1")])) == nil)
    }

    @Test func aMissingCommandIsLwexecCoresToReport() {
        #expect(WarmStart.servable(Self.options(["--cache", "/a", "--", "no-such-command-here"]), env: Self.configured) == nil)
    }

    @Test func withoutARegionTheLauncherNeverAsksInstanceMetadata() {
        // The region would need IMDS, a network call: handed on, not looked up here.
        let env = ProcessEnvironment(Self.configured.ordered.filter { $0.0 != "AWS_REGION" })
        #expect(WarmStart.servable(Self.options(["--cache", "/a", "--", "true"]), env: env) == nil)
    }

    @Test func lwexecCoreIsBesideTheLauncherThenInLibexec() {
        #expect(Handoff.candidates(executable: "/usr/local/bin/lwexec")
                == ["/usr/local/bin/lwexec-core", "/usr/local/bin/../libexec/lwexec/lwexec-core"])
        #expect(Handoff.candidates(executable: "lwexec") == ["./lwexec-core", "./../libexec/lwexec/lwexec-core"])
    }
}
