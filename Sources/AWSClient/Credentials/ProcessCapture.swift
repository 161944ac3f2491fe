import Glibc
import LWSystem

/// Runs a program without a shell (`posix_spawnp`) and captures its stdout and stderr, within a deadline.
///
/// Used by `credential_process`; both pipes are drained together so a chatty stderr cannot
/// block the child. Spawned like the command (`Spawn.start`): an empty signal mask and default
/// dispositions, even during `--watch`, whose supervisor blocks every signal. The child leads a
/// process group of its own (`HelperGroup`), given the terminal while it runs when lwexec's group has
/// it (`HelperTerminal`). The group is ended at the deadline, and when SIGINT, SIGTERM or SIGHUP
/// would end lwexec meanwhile (`HelperSignals`), after which lwexec dies of that signal.
enum ProcessCapture {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// True when the child's group was ended at the deadline.
        var timedOut: Bool
        /// The group of a helper that exited by itself, kept (its leader unreaped) until `finish`.
        var group: HelperGroup?
    }

    enum Failure: Error {
        case spawn(Int32)
        /// This signal ended the wait (sent to lwexec, or the helper's death by a Ctrl-C at the terminal):
        /// the helper's group was ended, and lwexec survived raising the signal (it ignores it, or blocks it).
        case interrupted(Int32)
    }

    /// Runs `argv` with `environment`; stdin is inherited, stdout and stderr are captured.
    /// Call `finish` with the output when done with it.
    static func run(_ argv: [String], environment: [(name: [UInt8], value: [UInt8])], deadlineMs: Int) throws(Failure) -> Output {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw .spawn(errno) }
        guard pipe(&errPipe) == 0 else { close(outPipe[0]); close(outPipe[1]); throw .spawn(errno) }
        // Close-on-exec: the child gets them only as its stdout and stderr (dup2 clears the flag).
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let cArgs = argv.map { Spawn.cString(Array($0.utf8)) } + [nil]
        let cEnv = environment.map { Spawn.cString($0.name + [0x3D] + $0.value) } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }

        let signals = HelperSignals.arm()
        var terminal = HelperTerminal.ifForeground()
        var started = spawn(argv[0], cArgs, cEnv, out: outPipe[1], err: errPipe[1], terminal: terminal)
        if case .failure = started, let t = terminal {  // the terminal refused (a hangup): run without it
            close(t.descriptor)
            terminal = nil
            started = spawn(argv[0], cArgs, cEnv, out: outPipe[1], err: errPipe[1], terminal: nil)
        }
        close(outPipe[1]); close(errPipe[1])
        let group: HelperGroup
        switch started {
        case .success(let pid): group = HelperGroup(leader: pid)
        case .failure(let e):
            close(outPipe[0]); close(errPipe[0])
            signals?.disarm()
            throw .spawn(e.code)
        }

        var out: [UInt8] = [], err: [UInt8] = []
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals?.readEnd ?? -1, events: Int16(POLLIN), revents: 0)]
        var buf = [UInt8](repeating: 0, count: 16384)
        var ending: Ending = .exited
        // Until the helper exits, then what it wrote before (still in the pipes): a grandchild that
        // holds the pipes open does not keep lwexec waiting. Each poll wakes on output, on the pipes'
        // end, and on a signal or SIGCHLD (`HelperSignals`); a 20 ms tick once both pipes are closed
        // and a 1 s tick otherwise cover where those handlers cannot run (`--watch`).
        while true {
            if let s = signals?.drain().signal { ending = .signal(s); break }
            if let exited = group.exited() {
                // A helper that had the terminal and died of its Ctrl-C (or Ctrl-\): lwexec goes the same way.
                if terminal != nil, case .signaled(let s) = exited, s == SIGINT || s == SIGQUIT { ending = .signal(s) }
                while fds[0].fd >= 0 || fds[1].fd >= 0, Clock.monotonicMs() < deadlineMs, poll(&fds, 2, 0) > 0 {
                    readReady(&fds, &out, &err, &buf)
                }
                break
            }
            let left = deadlineMs - Clock.monotonicMs()
            if left <= 0 { ending = .deadline; break }
            let n = poll(&fds, 3, Int32(min(left, fds[0].fd < 0 && fds[1].fd < 0 ? 20 : 1000)))
            if n < 0 && errno != EINTR { ending = .deadline; break }
            if n > 0 { readReady(&fds, &out, &err, &buf) }
        }
        let draining = fds[0..<2].map(\.fd).filter { $0 >= 0 }
        var status = group.exited()?.shellStatus ?? 0
        if ending != .exited { status = WaitStatus(group.end(draining: draining)).shellStatus }
        terminal?.restore(from: group.leader)
        for f in fds[0..<2] where f.fd >= 0 { close(f.fd) }
        signals?.disarm()
        if case .signal(let s) = ending {
            raise(s)  // its action is the default again (or SIG_IGN, or the caller's for SIGQUIT)
            throw .interrupted(s)
        }
        return Output(status: status, stdout: out, stderr: err, timedOut: ending == .deadline,
                      group: ending == .exited ? group : nil)
    }

    /// Done with `output`: reaps the helper, and ends its group first unless `keepGroup` (the helper
    /// succeeded: what it left running may be meant to stay).
    static func finish(_ output: Output, keepGroup: Bool) {
        guard let group = output.group else { return }
        if keepGroup { group.reap() } else { group.end() }
    }

    /// Reads what the helper's pipes (the first two of `fds`) have; closes one at its end.
    static func readReady(_ fds: inout [pollfd], _ out: inout [UInt8], _ err: inout [UInt8], _ buf: inout [UInt8]) {
        for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
            let r = read(fds[i].fd, &buf, buf.count)
            if r > 0 {
                if i == 0 { out += buf[0..<r] } else { err += buf[0..<r] }
            } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                close(fds[i].fd)
                fds[i].fd = -1
            }
        }
    }

    /// How the wait ended.
    enum Ending: Equatable {
        case exited, deadline
        case signal(Int32)
    }

    static func spawn(_ path: String, _ argv: [UnsafeMutablePointer<CChar>?], _ envp: [UnsafeMutablePointer<CChar>?],
                      out: Int32, err: Int32, terminal: HelperTerminal?) -> Result<pid_t, Errno> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // glibc runs file actions after the new group is made: the helper's group is the foreground before it runs.
        var given = false
        if let terminal, let add = addTerminalAction { given = add(&actions, terminal.descriptor) == 0 }
        posix_spawn_file_actions_adddup2(&actions, out, 1)
        posix_spawn_file_actions_adddup2(&actions, err, 2)
        let started = Spawn.start(path: path, argv: argv, envp: envp, fileActions: &actions, placement: .newGroup, searchPath: true)
        if let terminal, !given, case .success(let pid) = started {
            _ = tcsetpgrp(terminal.descriptor, pid)  // without the action (glibc < 2.35): a read may come first
        }
        return started
    }

    typealias AddTerminalAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addtcsetpgrp_np` (2.35 and later), which the Glibc module does
    /// not export; nil where glibc lacks it.
    static let addTerminalAction: AddTerminalAction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addtcsetpgrp_np") else { return nil }
        return unsafeBitCast(symbol, to: AddTerminalAction.self)
    }()
}
