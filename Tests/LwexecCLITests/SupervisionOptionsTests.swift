import Glibc
import Testing
@testable import ExecCore
@testable import LwexecCLI

/// exec's supervision flags: parsed by the full parser, left to it by the fast path.
@Suite struct SupervisionOptionsTests {
    static let supervised: [[String]] = [
        ["--mask", "/a", "--", "true"],
        ["--subreaper", "/a", "--", "true"],
        ["--watch", "30s", "/a", "--", "true"],
        ["--watch=5m", "--on-change", "signal:HUP", "/a", "--", "true"],
        ["--watch", "1m", "--kill-signal", "INT", "--kill-timeout", "0", "/a", "--", "true"],
        ["/a", "--mask", "--", "true"],
    ]

    @Test(arguments: supervised)
    func theFastPathLeavesThemToTheFullParser(_ args: [String]) throws {
        #expect(FastPath.parse(args, subcommands: FastPath.subcommands) == nil)
        #expect(LwexecMain.parseExecOptionsWithFullParser(args) != nil)
    }

    @Test func valuesArrive() throws {
        let o = try #require(LwexecMain.parseExecOptionsWithFullParser(
            ["--mask", "--subreaper", "--watch", "2m", "--on-change", "signal:SIGUSR1", "--kill-timeout", "3s", "/a", "--", "x"]))
        #expect(o.supervision.mask && o.supervision.subreaper)
        #expect(o.supervision.watchSeconds == 120)
        #expect(o.supervision.onChange == .signal(SIGUSR1))
        #expect(o.supervision.killTimeoutSeconds == 3)
        #expect(o.supervision.killSignal == SIGTERM)
        let plain = try #require(FastPath.parse(["/a", "--", "x"], subcommands: FastPath.subcommands))
        #expect(plain.supervision == SupervisionSettings())
    }

    static let rejected: [[String]] = [
        ["--watch", "soon", "/a", "--", "x"], ["--on-change", "restart", "/a", "--", "x"],
        ["--watch", "1m", "--on-change", "signal:NOPE", "/a", "--", "x"],
        ["--watch", "1m", "--kill-signal", "STOP", "/a", "--", "x"], ["--kill-signal", "TERM", "/a", "--", "x"],
    ]

    @Test(arguments: rejected)
    func invalidCombinationsAreRejected(_ args: [String]) {
        #expect(LwexecMain.parseExecOptionsWithFullParser(args) == nil)
    }
}
