import Glibc
import Testing
@testable import Launcher

/// runAndExit ends the process, so these run it in `launcher-probe` and watch from outside.
@Suite("runAndExit in a real process")
struct ProbeTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
        guard Launcher.fileKind(Tools.probe) == .executable else {
            throw HelperFailure("launcher-probe not found at \(Tools.probe); build it (swift build --product launcher-probe)")
        }
    }

    // MARK: Exit status

    @Test(arguments: [0, 3, 255])
    func exitCodesPassThrough(code: Int) throws {
        let probe = try spawn([Tools.probe, "--", "/bin/sh", "-c", "exit \(code)"])
        #expect(try waitForExit(probe) == Ended(status: Int32(code) << 8))
    }

    @Test func aChildKilledBySignalKillsTheProbeTheSameWay() throws {
        let probe = try spawn([Tools.probe, "--", "/bin/sh", "-c", "kill -TERM $$"])
        let ended = try waitForExit(probe)
        #expect(ended.signal == SIGTERM, "\(ended)")
    }

    @Test func aCoreSignalIsPassedOnWithoutACoreOfTheProbe() throws {
        let probe = try spawn([Tools.probe, "--", "/bin/sh", "-c", "ulimit -c 0; kill -QUIT $$"])
        let ended = try waitForExit(probe)
        #expect(ended.signal == SIGQUIT, "\(ended)")
        #expect(!ended.coreDumped)
    }

    @Test func sigkillIsPassedOn() throws {
        let probe = try spawn([Tools.probe, "--", "/bin/sh", "-c", "kill -KILL $$"])
        #expect(try waitForExit(probe).signal == SIGKILL)
    }

    // MARK: Start failures

    @Test func aMissingCommandExits127() throws {
        let stderr = directory.file("stderr")
        let probe = try spawn([Tools.probe, "--search-path", directory.path, "--", "no-such-command-xyz"],
                              stderr: stderr)
        #expect(try waitForExit(probe).exitCode == 127)
        #expect(try readText(stderr) == "lwexec: no-such-command-xyz: command not found\n")
    }

    @Test func aMissingPathExits127() throws {
        let stderr = directory.file("stderr")
        let probe = try spawn([Tools.probe, "--", directory.file("absent")], stderr: stderr)
        #expect(try waitForExit(probe).exitCode == 127)
        #expect(try readText(stderr).hasSuffix("absent: No such file or directory\n"))
    }

    @Test func aNonExecutableFileExits126() throws {
        let file = directory.file("notes")
        try writeFile(file, "echo hi\n", mode: 0o644)
        let stderr = directory.file("stderr")
        let probe = try spawn([Tools.probe, "--", file], stderr: stderr)
        #expect(try waitForExit(probe).exitCode == 126)
        #expect(try readText(stderr) == "lwexec: \(file): Permission denied\n")

        // The same when found on the search path.
        let viaPath = try spawn([Tools.probe, "--search-path", directory.path, "--", "notes"], stderr: stderr)
        #expect(try waitForExit(viaPath).exitCode == 126)
        #expect(try readText(stderr) == "lwexec: notes: Permission denied\n")
    }

    @Test func aScriptWithAMissingInterpreterExits126() throws {
        let script = directory.file("script")
        try writeFile(script, "#!/nonexistent/interpreter\n", mode: 0o755)
        let stderr = directory.file("stderr")
        let probe = try spawn([Tools.probe, "--", script], stderr: stderr)
        #expect(try waitForExit(probe).exitCode == 126)
        #expect(try readText(stderr).contains("required file not found"))
    }

    @Test func aFileThatIsNoProgramExits126() throws {
        let file = directory.file("garbage")
        try writeFile(file, "\u{7F}ELF not really\n", mode: 0o755)
        let probe = try spawn([Tools.probe, "--", file], stderr: directory.file("stderr"))
        #expect(try waitForExit(probe).exitCode == 126)
        #expect(try readText(directory.file("stderr")).contains("Exec format error"))
    }

    // MARK: Environment and lookup

    @Test func theEnvironmentIsPassedExactlyAndInOrder() throws {
        let environment = [
            "ZED=last-name-first",
            "MULTILINE=line one\nline two\n",
            "QUOTES=\"double\" 'single' `back` $HOME \\n",
            "UTF8=héllo wörld – 日本語 🎉",
            "EQUALS=a=b=c",
            "EMPTY=",
            "DUP=first",
            "DUP=second",
        ]
        let output = directory.file("env")
        // No PATH in the environment: "env" is found through the execvp default, /bin:/usr/bin.
        let probe = try spawn([Tools.probe, "--unset-search-path", "--", "env", "-0"], environment: environment,
                              stdout: output)
        #expect(try waitForExit(probe).exitCode == 0)
        let expected: [UInt8] = environment.flatMap { Array($0.utf8) + [0] }
        #expect(try readBytes(output) == expected)
    }

    @Test func theSearchPathIsNotTheChildsPath() throws {
        try writeFile(directory.file("show-path"), "#!/bin/sh\nprintf '%s' \"$PATH\"\n", mode: 0o755)
        let output = directory.file("out")
        let probe = try spawn([Tools.probe, "--search-path", "/nonexistent:\(directory.path)", "--", "show-path"],
                              environment: ["PATH=/child/only"], stdout: output)
        #expect(try waitForExit(probe).exitCode == 0)
        #expect(try readText(output) == "/child/only")
    }

    @Test func emptyPathEntrySearchesTheWorkingDirectory() throws {
        try writeFile(directory.file("here"), "#!/bin/sh\necho found \"$0\"\n", mode: 0o755)
        let output = directory.file("out")
        let probe = try spawn(["/bin/sh", "-c", "cd \"$1\" && exec \"$2\" --search-path '/nonexistent::' -- here",
                               "sh", directory.path, Tools.probe], stdout: output)
        #expect(try waitForExit(probe).exitCode == 0)
        #expect(try readText(output) == "found ./here\n")
    }

    @Test func argvZeroIsTheCommandAsTyped() throws {
        let output = directory.file("out")
        let probe = try spawn([Tools.probe, "--", "sh", "-c", "printf '%s|%s|%s' \"$0\" \"$1\" \"$2\"", "zero",
                               "one two", ""], stdout: output)
        #expect(try waitForExit(probe).exitCode == 0)
        #expect(try readText(output) == "zero|one two|")
    }

    // MARK: The child's signal state

    /// SigBlk/SigIgn/SigCgt lines from /proc of a child started by the probe.
    func childSignalState(blocked: [Int32] = [], ignoring: String? = nil) throws -> [String: String] {
        let output = directory.file("status")
        var command = [Tools.probe, "--", "/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"]
        if let ignoring {
            // The shell sets SIG_IGN and execs the probe, which inherits it the way a program would.
            command = ["/bin/sh", "-c", "trap '' \(ignoring); exec \"$@\"", "sh"] + command
        }
        let probe = try spawn(command, stdout: output, blocked: blocked)
        #expect(try waitForExit(probe).exitCode == 0)
        var fields: [String: String] = [:]
        for line in try readText(output).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters() }
        }
        return fields
    }

    @Test func theChildStartsWithNothingBlockedAndNothingIgnored() throws {
        let state = try childSignalState()
        #expect(state["SigBlk"] == "0000000000000000")
        #expect(state["SigIgn"] == "0000000000000000")
    }

    @Test func signalsBlockedInTheProbeAreNotBlockedInTheChild() throws {
        let state = try childSignalState(blocked: [SIGINT, SIGTERM, SIGUSR1, SIGHUP, SIGCHLD])
        #expect(state["SigBlk"] == "0000000000000000")
        #expect(state["SigIgn"] == "0000000000000000")
    }

    @Test func signalsIgnoredByTheProbesParentStayIgnored() throws {
        // Like exec/env: `nohup lwexec -- cmd` keeps SIGHUP ignored for cmd.
        let state = try childSignalState(ignoring: "HUP USR2")
        #expect(state["SigBlk"] == "0000000000000000")
        let expected = (UInt64(1) << (SIGHUP - 1)) | (UInt64(1) << (SIGUSR2 - 1))
        #expect(state["SigIgn"].flatMap { UInt64($0, radix: 16) } == expected)
    }

    @Test(.enabled(if: Tools.hasPython)) func anInheritedIgnoredSIGCHLDDoesNotLoseTheStatus() throws {
        // With SIGCHLD ignored the kernel would reap the child itself and waitpid would say ECHILD.
        // (dash's `trap '' CHLD` does not really ignore it, hence python.)
        let ignoreAndExec = "import os, signal, sys; signal.signal(signal.SIGCHLD, signal.SIG_IGN); os.execv(sys.argv[1], sys.argv[1:])"
        let probe = try spawn([Tools.python!, "-c", ignoreAndExec, Tools.probe, "--", "/bin/sh", "-c", "exit 5"])
        #expect(try waitForExit(probe).exitCode == 5)

        // The probe needs SIGCHLD at SIG_DFL itself and posix_spawn passes on the current disposition,
        // so the child gets it at SIG_DFL (POSIX leaves this case open for exec too). Other inherited
        // ignores stay: python ignores SIGPIPE and SIGXFSZ.
        let output = directory.file("status")
        let reader = try spawn([Tools.python!, "-c", ignoreAndExec, Tools.probe, "--", "/bin/grep", "^SigIgn",
                                "/proc/self/status"], stdout: output)
        #expect(try waitForExit(reader).exitCode == 0)
        let ignored = try readText(output).split(separator: "\t").last.flatMap { UInt64($0.dropLast(), radix: 16) }
        #expect(ignored == (UInt64(1) << (SIGPIPE - 1)) | (UInt64(1) << (SIGXFSZ - 1)))
    }

    // MARK: Forwarding

    @Test(.enabled(if: Tools.hasPython), .timeLimit(.minutes(1)), arguments: ["TERM", "USR1", "HUP", "WINCH", "INT"])
    func aSignalSentWithKillReachesTheChildOnce(name: String) throws {
        let records = directory.file("records"), ready = directory.file("ready")
        let probe = try spawn([Tools.probe, "--", Tools.python!, "-c", signalRecorder, name, records, ready, "7"])
        try waitForFile(ready)
        #expect(kill(probe, signalNumber(name)) == 0)
        #expect(try waitForExit(probe).exitCode == 7)
        #expect(try recordedSignals(records) == [Recorded(signal: signalNumber(name), code: Int32(SI_USER), sender: probe)])
    }

    @Test func theChildLeadsAProcessGroupOfItsOwn() throws {
        // The probe leads a group that is no terminal's foreground, as a background job or under systemd.
        let stat = directory.file("stat")
        let probe = try spawn([Tools.probe, "--", "/bin/sh", "-c", "cat /proc/$$/stat"], stdout: stat, newGroup: true)
        #expect(try waitForExit(probe).exitCode == 0)
        let text = try readText(stat)
        let pid = text.split(separator: " ").first.flatMap { pid_t($0) }
        let fields = text[text.index(after: text.lastIndex(of: ")")!)...].split(separator: " ")
        #expect(fields.count > 3 && pid_t(fields[1]) == probe, "\(text)")  // parent
        #expect(fields.count > 3 && pid_t(fields[2]) == pid, "\(text)")  // process group
    }

    @Test(.enabled(if: Tools.hasPython), .timeLimit(.minutes(1)))
    func aKillOfTheProbesGroupReachesTheChildOnceThroughTheProbe() throws {
        let records = directory.file("records"), ready = directory.file("ready")
        let probe = try spawn([Tools.probe, "--", Tools.python!, "-c", signalRecorder, "TERM", records, ready, "7"],
                              newGroup: true)
        try waitForFile(ready)
        #expect(kill(-probe, SIGTERM) == 0)  // a shell's `kill %1`, timeout(1)
        #expect(try waitForExit(probe).exitCode == 7)
        #expect(try recordedSignals(records) == [Recorded(signal: SIGTERM, code: Int32(SI_USER), sender: probe)])
    }

    @Test(.enabled(if: Tools.hasPython)) func aChildKilledByAForwardedSignalIsReported() throws {
        let records = directory.file("records"), ready = directory.file("ready")
        let probe = try spawn([Tools.probe, "--", Tools.python!, "-c", signalRecorder, "TERM", records, ready, "raise"])
        try waitForFile(ready)
        kill(probe, SIGTERM)
        #expect(try waitForExit(probe).signal == SIGTERM)
        #expect(try recordedSignals(records).count == 1)
    }

    @Test func aQuickChildIsReapedWithoutWaitingForASignal() throws {
        let start = now()
        let probe = try spawn([Tools.probe, "--", "/bin/true"])
        #expect(try waitForExit(probe).exitCode == 0)
        #expect(now() - start < 1)
    }

    func signalNumber(_ name: String) -> Int32 {
        ["TERM": SIGTERM, "USR1": SIGUSR1, "HUP": SIGHUP, "WINCH": SIGWINCH, "INT": SIGINT][name]!
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
