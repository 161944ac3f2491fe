import Glibc
import Testing
@testable import Launcher

@Suite("resolve: execvp-like lookup")
struct ResolveTests {
    let directory: TemporaryDirectory
    let first: String
    let second: String

    init() throws {
        directory = try TemporaryDirectory()
        first = directory.file("first")
        second = directory.file("second")
        #expect(mkdir(first, 0o755) == 0)
        #expect(mkdir(second, 0o755) == 0)
        try writeFile(first + "/tool", "#!/bin/sh\n", mode: 0o755)
        try writeFile(first + "/data", "not a program\n", mode: 0o644)
        try writeFile(second + "/data", "#!/bin/sh\n", mode: 0o755)
        try writeFile(second + "/plain", "not a program\n", mode: 0o644)
        #expect(mkdir(first + "/folder", 0o755) == 0)
    }

    @Test func findsAnExecutableOnThePath() {
        #expect(Launcher.resolve("tool", searchPath: "/nonexistent:\(first)") == .success(first + "/tool"))
    }

    @Test func aTrailingSlashInAnEntryIsFine() {
        #expect(Launcher.resolve("tool", searchPath: first + "/") == .success(first + "/tool"))
    }

    @Test func aLaterExecutableBeatsAnEarlierNonExecutable() {
        #expect(Launcher.resolve("data", searchPath: "\(first):\(second)") == .success(second + "/data"))
    }

    @Test func onlyANonExecutableMeans126() {
        let result = Launcher.resolve("plain", searchPath: "\(first):\(second)")
        #expect(result == .failure(.notExecutable(command: "plain", reason: "Permission denied")))
        if case .failure(let error) = result {
            #expect(error.exitCode == 126)
            #expect(error.message == "lwexec: plain: Permission denied")
        }
    }

    @Test func directoriesAreSkipped() {
        #expect(Launcher.resolve("folder", searchPath: first) == .failure(.notFound(command: "folder")))
    }

    @Test func nothingMeans127() {
        let result = Launcher.resolve("no-such-tool-anywhere", searchPath: "\(first):\(second)")
        #expect(result == .failure(.notFound(command: "no-such-tool-anywhere")))
        if case .failure(let error) = result {
            #expect(error.exitCode == 127)
            #expect(error.message == "lwexec: no-such-tool-anywhere: command not found")
        }
    }

    @Test func aNameWithASlashIsUsedAsIs() {
        #expect(Launcher.resolve("./tool", searchPath: first) == .success("./tool"))
        #expect(Launcher.resolve("/does/not/exist", searchPath: first) == .success("/does/not/exist"))
    }

    @Test func anEmptyCommandIsNotFound() {
        #expect(Launcher.resolve("", searchPath: first) == .failure(.notFound(command: "")))
    }

    @Test func anUnsetPathFallsBackToTheExecvpDefault() throws {
        let found = try Launcher.resolve("sh", searchPath: nil).get()
        #expect(found == "/bin/sh" || found == "/usr/bin/sh")
    }
}

@Suite("errors, statuses and the forwarding rule")
struct RuleTests {
    @Test func messagesAreOneLine() {
        #expect(LaunchError.notFound(command: "./x").message == "lwexec: ./x: No such file or directory")
        #expect(LaunchError.notFound(command: "a\nb").message == "lwexec: a?b: command not found")
        #expect(LaunchError.spawnFailed(command: "x", errno: ENOMEM).message == "lwexec: x: cannot run: Cannot allocate memory")
        #expect(LaunchError.spawnFailed(command: "x", errno: EAGAIN).exitCode == 126)
    }

    @Test func spawnErrorsMapToShellCodes() {
        #expect(Launcher.spawnError(ENOENT, command: "x", path: "/nonexistent/x") == .notFound(command: "x"))
        // ENOENT for a file that exists: its interpreter is missing.
        #expect(Launcher.spawnError(ENOENT, command: "sh", path: "/bin/sh").exitCode == 126)
        #expect(Launcher.spawnError(EACCES, command: "/tmp", path: "/tmp")
                == .notExecutable(command: "/tmp", reason: "Is a directory"))
        #expect(Launcher.spawnError(ENOEXEC, command: "x", path: "/x")
                == .notExecutable(command: "x", reason: "Exec format error"))
        // E2BIG never gets here: `spawn` explains it (ArgumentSpaceTests).
    }

    @Test func waitStatusesDecodeLikeTheWMacros() {
        #expect(Launcher.Outcome(waitStatus: 0) == .exited(0))
        #expect(Launcher.Outcome(waitStatus: 255 << 8) == .exited(255))
        #expect(Launcher.Outcome(waitStatus: SIGTERM) == .killed(SIGTERM))
        #expect(Launcher.Outcome(waitStatus: 0x80 | SIGSEGV) == .killed(SIGSEGV))  // core dumped
        #expect(Launcher.Outcome(waitStatus: (SIGSTOP << 8) | 0x7F) == nil)  // stopped
        #expect(Launcher.Outcome(waitStatus: 0xFFFF) == nil)  // continued
    }

    typealias Received = Launcher.ReceivedSignal

    func decide(_ received: Received, sessionLeader: Bool = false, childInGroup: Bool = true) -> Launcher.SignalAction {
        Launcher.action(for: received, selfPID: 100, sessionLeader: sessionLeader) { childInGroup }
    }

    @Test func killedSignalsAreForwarded() {
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGWINCH, SIGTSTP, SIGPIPE, SIGQUIT] {
            #expect(decide(Received(signal: signal, code: Int32(SI_USER), sender: 42)) == .forward)
        }
        #expect(decide(Received(signal: SIGUSR2, code: Int32(SI_QUEUE), sender: 42)) == .forward)
        #expect(decide(Received(signal: SIGTERM, code: Int32(SI_TKILL), sender: 42)) == .forward)
        // Sent from outside a PID namespace: no sender visible.
        #expect(decide(Received(signal: SIGTERM, code: Int32(SI_USER), sender: 0)) == .forward)
    }

    @Test func terminalSignalsAreNotForwardedTwice() {
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, SIGHUP, SIGCONT] {
            #expect(decide(Received(signal: signal, code: Int32(SI_KERNEL), sender: nil)) == .ignore)
        }
    }

    @Test func terminalSignalsAreForwardedWhenTheChildLeftTheGroup() {
        #expect(decide(Received(signal: SIGINT, code: Int32(SI_KERNEL), sender: nil), childInGroup: false) == .forward)
    }

    @Test func aHangupReachingTheSessionLeaderIsForwarded() {
        #expect(decide(Received(signal: SIGHUP, code: Int32(SI_KERNEL), sender: nil), sessionLeader: true) == .forward)
        #expect(decide(Received(signal: SIGINT, code: Int32(SI_KERNEL), sender: nil), sessionLeader: true) == .ignore)
    }

    @Test func ownSignalsAndSIGCHLDAreNotForwarded() {
        #expect(decide(Received(signal: SIGPIPE, code: Int32(SI_USER), sender: 100)) == .ignore)
        #expect(decide(Received(signal: SIGCHLD, code: Int32(CLD_EXITED), sender: nil)) == .reap)
        #expect(decide(Received(signal: SIGCHLD, code: Int32(SI_USER), sender: 42)) == .reap)
    }

    @Test func theChildGetsDefaultsExceptInheritedIgnores() {
        var ignored = sigset_t()
        sigemptyset(&ignored)
        sigaddset(&ignored, SIGHUP)
        var defaults = Launcher.spawnDefaults(inheritedIgnored: ignored)
        #expect(sigismember(&defaults, SIGHUP) == 0)
        #expect(sigismember(&defaults, SIGKILL) == 0)
        #expect(sigismember(&defaults, SIGSTOP) == 0)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGTTOU, Int32(NSIG) - 1] {
            #expect(sigismember(&defaults, signal) == 1)
        }
    }
}
