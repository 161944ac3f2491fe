import Testing
@testable import ExecCore
@testable import LwexecCLI
import SecretResolution

/// The fast path must agree with swift-argument-parser, the one definition of the interface.
@Suite struct FastPathTests {
    static let accepted: [[String]] = [
        ["/np/backend", "--", "env"],
        ["exec", "/np/backend", "--", "env", "-i"],
        ["/a", "/b/", "--", "sh", "-c", "echo $X", "--", "x"],
        ["-q", "-v", "--recursive", "--expand-json", "--allow-empty", "/a", "--", "true"],
        ["-r", "--keep-env", "/a", "--", "true"],
        ["--pristine", "/a", "--", "true"],
        ["--secret", "/a/b", "-s", "/a/c=VAR", "--", "true"],
        ["--secret=/a/b=X", "/p", "--", "true"],
        ["--env-prefix", "APP_", "--profile", "dev", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:5000", "/a", "--", "true"],
        ["--timeout", "5m", "/a", "--", "true"],
        ["--timeout=45", "/a", "--", "true"],
        ["/a", "--region", "us-east-2", "/b", "--", "true"],
        ["--allow-variable", "NODE_OPTIONS", "--allow-variable=LD_PRELOAD", "/a", "--", "true"],
        ["--require", "DB_PASSWORD", "--require-file", "required.txt", "/a", "--", "true"],
        ["exec", "backend", "--", "true"],
        ["arn:aws:secretsmanager:us-east-1:123456789012:secret:x", "--", "true"],
    ]

    @Test(arguments: accepted)
    func agreesWithFullParser(_ args: [String]) throws {
        let fast = try #require(FastPath.parse(args, subcommands: FastPath.subcommands))
        let full = try #require(LwexecMain.parseExecOptionsWithFullParser(args))
        #expect(fast == full)
    }

    static let declined: [[String]] = [
        ["--help"], ["-h"], ["--version"], ["help"], ["exec", "--help"],
        ["/a"], ["/a", "--"], ["--bogus", "/a", "--", "true"], ["-qv", "/a", "--", "true"],
        ["--secret", "--", "true"], ["--timeout", "soon", "/a", "--", "true"],
        ["--pristine", "--keep-env", "/a", "--", "true"], ["--profile", "-q", "/a", "--", "x"],
        ["--profile", "dev", "exec", "/a", "--", "true"], ["-v", "env", "/a", "--", "true"],
        // Issue 23: a first word that is no secret path is lwexec-core's to name as an unknown command.
        ["show", "--", "true"], ["--cache", "get", "--", "true"], ["backend", "/a", "--", "true"],
        ["describe", "/a"], ["version"], ["export", "/a"],
    ]

    /// Global options before `exec` reach the same options as after it.
    @Test func globalOptionsBeforeTheSubcommand() throws {
        let before = try #require(LwexecMain.parseExecOptionsWithFullParser(["--profile", "dev", "-v", "exec", "/a", "--", "true"]))
        let after = try #require(FastPath.parse(["--profile", "dev", "-v", "/a", "--", "true"], subcommands: FastPath.subcommands))
        #expect(before == after)
    }

    @Test(arguments: declined)
    func leavesUnusualFormsToTheFullParser(_ args: [String]) {
        #expect(FastPath.parse(args, subcommands: FastPath.subcommands) == nil)
    }

    /// A new subcommand must be added to the fast path's list, or `lwexec NEWCMD -- x` would run as exec.
    @Test func subcommandListMatchesTheParser() {
        #expect(Set(FastPath.subcommands) == LwexecMain.subcommandNames && Set(FastPath.subcommands).count == FastPath.subcommands.count)
    }

    @Test func commandKeepsItsOwnDoubleDash() throws {
        let o = try #require(FastPath.parse(["/a", "--", "sh", "--", "-x"], subcommands: []))
        #expect(o.command == ["sh", "--", "-x"])
        #expect(o.prefixes == ["/a"])
    }

    @Test func durations() {
        #expect(parseDuration("30") == 30)
        #expect(parseDuration("30s") == 30)
        #expect(parseDuration("5m") == 300)
        #expect(parseDuration("1h") == 3600)
        #expect(parseDuration("0s") == nil)
        #expect(parseDuration("-5") == nil)
        #expect(parseDuration("5x") == nil)
    }
}
