import CSupervision
import Glibc
import LWSystem

/// Starts the command with `posix_spawn`, forwards signals to it and exits with its status.
///
/// lwexec stays the parent instead of calling execve so that it can keep supervising; everything here
/// is arranged so that `lwexec ... -- cmd` behaves, to the caller and to `cmd`, like running `cmd` itself.
///
/// Signal semantics, in short (details on each helper):
/// - lwexec blocks every catchable signal and reads them one at a time from a signalfd, polled with the
///   output pumps (`Supervisor`): no handlers, no threads, so nothing can run at an awkward moment and
///   nothing is lost between spawn and wait.
/// - The child starts with an empty signal mask and default dispositions, except the signals lwexec
///   itself inherited as ignored, SIGCHLD excepted (see `spawnDefaults(inheritedIgnored:)`).
/// - The child leads a process group of its own (and gets the terminal's foreground when lwexec's group
///   had it), so a kill of lwexec's group reaches the child once, through lwexec (see `ChildPlacement`).
/// - Signals sent with kill(2) are forwarded once; signals the terminal sent to a foreground group that
///   holds the child too are not, because the child got its own copy (see `action(for:)`).
/// - The exit status is the child's, and a child killed by signal N leaves lwexec killed by N.
public enum Launcher {
    /// Blocks all catchable signals in the calling (main) thread BEFORE spawning (call it early so no
    /// signal is lost between spawn and the wait loop), spawns with posix_spawn, then supervises: returns
    /// never — it exits the process with the child's status.
    ///
    /// Call it from the main thread. Threads that already exist keep their own signal mask: a process
    /// signal can go to any thread that does not block it, so every other thread must block signals
    /// (libdispatch and Swift concurrency workers do). Signals that are SIG_IGN when it is called are
    /// taken as inherited from lwexec's parent and stay ignored in the child, so code that ran before
    /// must restore any SIG_IGN it set itself (SIGPIPE, typically). Failures to start exit 127 or 126
    /// with a one-line message on stderr (two for E2BIG: why, and what to do; `ArgumentSpace`).
    public static func runAndExit(_ spec: LaunchSpec) -> Never {
        runAndExit(spec, options: SupervisionOptions())
    }

    // MARK: - Spawning

    /// Starts `path` with the spec's argv and environment; stdio and every other descriptor not marked
    /// close-on-exec are inherited.
    ///
    /// `fileActions` rearranges the child's descriptors (`--mask`); `setsid` gives it a session of its own,
    /// `newGroup` a process group of its own that it leads (ignored with `setsid`, which implies one).
    static func spawn(path: String, spec: LaunchSpec, inheritedIgnored: sigset_t,
                      fileActions: UnsafePointer<posix_spawn_file_actions_t>? = nil,
                      setsid: Bool = false, newGroup: Bool = false) -> Result<pid_t, LaunchError> {
        let command = spec.command
        let argv = spec.arguments.map { Spawn.cString($0) } + [nil]
        let envp = spec.environment.map { environmentEntry($0.name, $0.value) } + [nil]
        defer {
            argv.forEach { free($0) }
            // The environment holds the secrets: zeroed before the memory goes back to malloc.
            for p in envp { if let p { explicit_bzero(p, strlen(p)) }; free(p) }
        }
        if argv.dropLast().contains(nil) || envp.dropLast().contains(nil) {
            return .failure(.spawnFailed(command: command, errno: ENOMEM))
        }
        let placement: Spawn.Placement = setsid ? .newSession : newGroup ? .newGroup : .inherit
        let result = ProcessHardening.withInheritedCoreLimit {
            Spawn.start(path: path, argv: argv, envp: envp, fileActions: fileActions, placement: placement, keepIgnored: inheritedIgnored)
        }
        switch result {
        case .success(let child): return .success(child)
        case .failure(let e) where e.code == E2BIG:
            // Worked out now, not before: a launch that works pays nothing for the diagnosis.
            return .failure(.tooLarge(command: command, space: ArgumentSpace.diagnose(path: path, spec: spec)))
        case .failure(let e): return .failure(spawnError(e.code, command: command, path: path))
        }
    }

    /// `NAME=value` as a malloc'ed C string, copied byte for byte (string interpolation per variable
    /// costs ~2k instructions, a visible share of a warm start with a few dozen variables).
    static func environmentEntry(_ name: [UInt8], _ value: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        name.withUnsafeBufferPointer { n in
            value.withUnsafeBufferPointer { v in
                guard let raw = malloc(n.count + v.count + 2) else { return nil }
                UnsafeMutableRawBufferPointer(start: raw, count: n.count).copyMemory(from: UnsafeRawBufferPointer(n))
                raw.storeBytes(of: 0x3D, toByteOffset: n.count, as: UInt8.self)
                UnsafeMutableRawBufferPointer(start: raw + n.count + 1, count: v.count).copyMemory(from: UnsafeRawBufferPointer(v))
                raw.storeBytes(of: 0, toByteOffset: n.count + 1 + v.count, as: UInt8.self)
                return raw.assumingMemoryBound(to: CChar.self)
            }
        }
    }

    /// The signals the child gets with SIG_DFL: every signal that can be reset, except the ones lwexec
    /// inherited as SIG_IGN (`Spawn.defaults`).
    ///
    /// Choice: inherited SIG_IGN is kept, as `exec`/`env` keep it, so that `nohup lwexec -- cmd` still
    /// ignores SIGHUP and `lwexec -- cmd &` in a script still ignores SIGINT, exactly like running `cmd`
    /// directly. Everything else is reset, which covers any disposition lwexec itself might have set.
    /// One exception: SIGCHLD. lwexec must set it to SIG_DFL for itself (an ignored SIGCHLD makes the
    /// kernel discard the child's status), and posix_spawn can only pass on the current disposition or
    /// reset it, so the child gets SIG_DFL; POSIX leaves this case unspecified for exec as well.
    /// The mask, on the other hand, is always emptied: lwexec blocked everything itself, and a blocked
    /// mask leaked from lwexec's parent would silently stop the signals lwexec forwards.
    static func spawnDefaults(inheritedIgnored: sigset_t) -> sigset_t {
        Spawn.defaults(keepingIgnored: inheritedIgnored)
    }

    /// Maps a posix_spawn error to the shell's codes: 127 when there is no such file, 126 otherwise.
    static func spawnError(_ code: Int32, command: String, path: String) -> LaunchError {
        switch code {
        case ENOENT:
            // The file is there, so what is missing is its interpreter or dynamic loader (bash says this).
            if fileExists(path) {
                return .notExecutable(command: command, reason: "cannot execute: required file not found")
            }
            return .notFound(command: command)
        case EACCES where isDirectory(path), EISDIR:
            return .notExecutable(command: command, reason: errorText(EISDIR))
        case EACCES, EPERM, ENOEXEC, ETXTBSY, ENOTDIR, ELOOP, ENAMETOOLONG:
            return .notExecutable(command: command, reason: errorText(code))
        default:
            return .spawnFailed(command: command, errno: code)
        }
    }

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    // MARK: - Supervising

    /// The parts of a `siginfo_t` the forwarding rule looks at.
    struct ReceivedSignal: Equatable {
        var signal: Int32
        var code: Int32
        /// The sending process, known only for kill(2), sigqueue(3) and tgkill(2).
        var sender: pid_t?

        init(signal: Int32, code: Int32, sender: pid_t?) {
            self.signal = signal
            self.code = code
            self.sender = sender
        }

        init(_ info: siginfo_t) {
            let code = info.si_code
            let sentByProcess = code == SI_USER || code == SI_QUEUE || code == SI_TKILL
            self.init(signal: info.si_signo, code: code, sender: sentByProcess ? info._sifields._kill.si_pid : nil)
        }
    }

    enum SignalAction: Equatable { case reap, forward, ignore }

    /// Decides what to do with one received signal.
    ///
    /// - SIGCHLD reaps (and is never forwarded).
    /// - `SI_KERNEL` is how the terminal sends SIGINT, SIGQUIT, SIGTSTP, SIGWINCH (and SIGHUP/SIGCONT when
    ///   the controlling process exits) to the whole foreground process group. With the child in lwexec's
    ///   group (`ChildPlacement.shared`) it got its own copy, so forwarding would deliver it twice: ignore
    ///   it. Two exceptions: the child is outside lwexec's group (it got nothing: lwexec's group was the
    ///   foreground, not the child's), and SIGHUP/SIGCONT arriving at lwexec as a session leader, which is
    ///   the terminal hanging up and goes to the session leader only.
    /// - A signal lwexec sent itself (e.g. SIGPIPE from writing to a closed stderr) is not the child's.
    /// - Everything else, notably kill(2) from a user or supervisor, is forwarded exactly once.
    static func action(for received: ReceivedSignal, selfPID: pid_t, sessionLeader: Bool,
                       childInOwnGroup: () -> Bool) -> SignalAction {
        if received.signal == SIGCHLD { return .reap }
        if received.code == SI_KERNEL {
            if sessionLeader && (received.signal == SIGHUP || received.signal == SIGCONT) { return .forward }
            return childInOwnGroup() ? .ignore : .forward
        }
        if received.sender == selfPID { return .ignore }
        return .forward
    }

    /// How the child ended.
    enum Outcome: Equatable {
        case exited(Int32)
        case killed(Int32)
        /// waitpid said ECHILD before giving the child's status; only possible if someone else reaped it.
        case lost

        /// Decodes a wait status as the W* macros do (Swift does not import them); nil while the child
        /// is only stopped or continued.
        init?(waitStatus status: Int32) {
            switch WaitStatus(status) {
            case .exited(let code): self = .exited(code)
            case .signaled(let signal): self = .killed(signal)
            case .stopped, .continued: return nil
            }
        }
    }

    /// Exits the way the child ended.
    static func finish(_ outcome: Outcome, command: String) -> Never {
        switch outcome {
        case .exited(let code):
            exit(code)
        case .killed(let signal):
            dieBySignal(signal)
        case .lost:
            // lwexec's own failure, so the project's code for that (as env(1) uses it).
            report("lwexec: \(command): exit status lost (the child was reaped elsewhere)")
            exit(125)
        }
    }

    /// Ends lwexec with `signal` so that its parent sees "killed by signal", as if it had run the child
    /// itself; falls back to exit(128 + signal) for a signal that does not terminate.
    ///
    /// The core limit is set to 0 first: the child already dumped its core if it was going to, and a
    /// core of lwexec would be noise.
    static func dieBySignal(_ signal: Int32) -> Never {
        let core = __rlimit_resource_t(RLIMIT_CORE.rawValue)
        var limit = rlimit()
        if getrlimit(core, &limit) == 0 {
            limit.rlim_cur = 0
            setrlimit(core, &limit)
        }
        setDefaultDisposition(signal)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        // Raised while still blocked, then delivered the moment it is unblocked.
        raise(signal)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)
        exit(128 + signal)
    }

    // MARK: - Signals before the child exists

    /// Handles signals that arrived after blocking but before spawning, as if they had not been blocked:
    /// the child does not exist yet, so a tty Ctrl-C would otherwise be dropped later as "the child has
    /// its own copy". Terminating signals end lwexec by that signal, stop signals stop it, and signals
    /// ignored by default or inherited as ignored are dropped.
    static func actOnPendingSignals(_ set: sigset_t, ignored: sigset_t) {
        var set = set
        var ignored = ignored
        var noWait = timespec(tv_sec: 0, tv_nsec: 0)
        let me = getpid()
        while true {
            var info = siginfo_t()
            let signal = sigtimedwait(&set, &info, &noWait)
            if signal == -1 {
                if errno == EINTR { continue }
                return  // EAGAIN: nothing pending
            }
            let received = ReceivedSignal(info)
            if signal == SIGCHLD {
                reapStrays()
            } else if sigismember(&ignored, signal) == 1 || received.sender == me {
                continue
            } else if [SIGTSTP, SIGTTIN, SIGTTOU].contains(signal) {
                kill(me, SIGSTOP)
            } else if ![SIGCONT, SIGURG, SIGWINCH].contains(signal) {
                dieBySignal(signal)
            }
        }
    }

    /// Reaps children the process had before spawning (none normally; orphans when it is PID 1).
    static func reapStrays() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            if pid > 0 || (pid == -1 && errno == EINTR) { continue }
            return  // 0: the rest still run; ECHILD: none left
        }
    }

    // MARK: - Dispositions

    /// The signals whose disposition is SIG_IGN right now.
    static func ignoredSignals() -> sigset_t {
        var ignored = sigset_t()
        sigemptyset(&ignored)
        for signal in 1..<Int32(NSIG) where signal != SIGKILL && signal != SIGSTOP {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0 else { continue }
            if let handler = current.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                sigaddset(&ignored, signal)
            }
        }
        return ignored
    }

    static func setDefaultDisposition(_ signal: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }

    // MARK: - Errors

    static func fail(_ error: LaunchError) -> Never {
        report(error.message)
        if let hint = error.hint { report(hint) }
        exit(error.exitCode)
    }

    /// Writes one line to stderr with write(2): no stdio buffering, no FILE* global.
    static func report(_ line: String) {
        FileDescriptorIO.writeAll(2, line + "\n")
    }
}
