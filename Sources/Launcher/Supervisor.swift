import CSupervision
import Glibc
import LWSystem
import OutputMask

/// The supervision loop: one thread, every signal blocked and read from a signalfd, waiting in poll(2)
/// for signals, the child's output (with `--mask`) and the next deadline (a `--watch` poll, a restart's
/// kill timeout, the descendants' grace period).
///
/// Why a signalfd rather than sigtimedwait: with `--mask` lwexec must copy output and take signals at
/// the same time, and poll(2) over both is the one wait that does that without handlers or threads.
/// The rules for each signal are in `delivery(for:context:)`; docs/signals.md has the table. Where the
/// child runs (its own process group, with the terminal) is `ChildPlacement`, job control `childStopped`.
final class Supervisor {
    let options: SupervisionOptions
    var spec: LaunchSpec
    let path: String
    let command: String
    let inheritedIgnored: sigset_t
    let signals: Int32
    let me = getpid()
    let ownGroup = getpgrp()
    let sessionLeader = getsid(0) == getpid()
    let reaper: Bool

    var child: pid_t = 0
    var childIsolated = false
    /// Decided at the first start, kept for every restarted child.
    var placement: ChildPlacement?
    let terminal = ControllingTerminal.find()
    var ptyMaster: Int32 = -1
    var pumps: [OutputPump] = []
    var maskValues: [[UInt8]]?
    /// The stop signal a SIGSTOP sent to an isolated child stands for, to stop lwexec the same way.
    var requestedStop: Int32?

    /// A restart in progress: the old child was asked to stop and the new one starts when it is gone.
    struct Restart { var environment: [(name: [UInt8], value: [UInt8])]; var maskValues: [[UInt8]]?; var killAt: Int }
    var restart: Restart?
    var nextPollAt: Int?
    /// How the main child ended; lwexec exits once the rest is wound down.
    var outcome: Launcher.Outcome?
    var descendantsKillAt: Int?
    var noChildrenLeft = false
    var pumpsDeadline: Int?

    init(spec: LaunchSpec, path: String, options: SupervisionOptions, inheritedIgnored: sigset_t, waitSet: sigset_t) {
        self.spec = spec
        self.path = path
        self.options = options
        self.command = spec.command
        self.inheritedIgnored = inheritedIgnored
        self.maskValues = options.maskValues
        self.reaper = Subreaper.isReaper(subreaperRequested: options.subreaper)
        var set = waitSet
        signals = lw_signalfd(&set)
        if signals < 0 {
            Launcher.report("lwexec: cannot wait for signals: \(errorText(errno))")
            exit(125)
        }
    }

    func run() -> Never {
        start()
        if let watch = options.watch { nextPollAt = now() + max(0, watch.millisecondsToNextPoll()) }
        while true {
            waitOnce(timeout: nextTimeout())
            handleDeadlines()
            if let outcome, restart == nil, isWoundDown() {
                pumps.forEach { $0.finish() }
                takeTerminalBack()
                Launcher.finish(outcome, command: command)
            }
        }
    }

    // MARK: - Starting

    /// Spawns the child with the current spec (and fresh output streams under `--mask`).
    func start() {
        var io: ChildIO?
        if let values = maskValues {
            do {
                io = try ChildIO.masked(values: values)
            } catch {
                Launcher.report("lwexec: \(error.message)")
                exit(125)
            }
        }
        let setsid = io?.setsid ?? false
        if placement == nil {
            placement = setsid ? .ownSession : ChildPlacement.decide(
                foreground: terminal?.foreground(), ownGroup: ownGroup, me: me,
                othersInGroup: { ProcessTable.groupHasOthers(self.ownGroup, besides: self.me) })
        }
        let newGroup = placement == .ownGroup
        let result: Result<pid_t, LaunchError>
        if io != nil {
            result = withUnsafeMutablePointer(to: &io!.actions) { actions in
                Launcher.spawn(path: path, spec: spec, inheritedIgnored: inheritedIgnored,
                               fileActions: UnsafePointer(actions), setsid: setsid, newGroup: newGroup)
            }
        } else {
            result = Launcher.spawn(path: path, spec: spec, inheritedIgnored: inheritedIgnored, newGroup: newGroup)
        }
        switch result {
        case .success(let pid): child = pid
        case .failure(let error): Launcher.fail(error)
        }
        // The child keeps the starting directory; lwexec moves to `/` so that it pins no mount for the
        // child's whole life (dumb-init does the same). Not under `--watch`: a restart starts there too.
        if options.watch == nil { _ = chdir("/") }
        // The child has its copy; a restart brings its own environment (`--watch`), so lwexec keeps no
        // reference to this one (its C copy was zeroed in `spawn`).
        spec.environment = []
        // A read of the terminal before this stops the child with SIGTTIN; `childStopped` continues it.
        handTerminalToChild()
        if var io {
            io.closeChildEnds()
            pumps += io.pumps
            childIsolated = io.setsid
            ptyMaster = io.ptyMaster
        }
        outcome = nil
    }

    // MARK: - Waiting

    func now() -> Int { Clock.monotonicMs() }

    /// Milliseconds until the earliest deadline, or -1 for none.
    func nextTimeout() -> Int32 {
        var deadlines: [Int] = []
        if let r = restart { deadlines.append(r.killAt) }
        if outcome == nil, restart == nil, let p = nextPollAt { deadlines.append(p) }
        if let d = descendantsKillAt { deadlines.append(d) }
        if let d = pumpsDeadline { deadlines.append(d) }
        guard let first = deadlines.min() else { return -1 }
        return Int32(clamping: max(0, first - now()))
    }

    func waitOnce(timeout: Int32) {
        let open = pumps.filter { $0.isOpen }
        var fds = [pollfd(fd: signals, events: Int16(POLLIN), revents: 0)]
        fds += open.map { pollfd(fd: $0.source, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), timeout)
        if ready < 0 { return }  // EINTR, e.g. after lwexec was stopped and continued
        for (i, pump) in open.enumerated() where fds[i + 1].revents != 0 { pump.pump() }
        pumps.removeAll { !$0.isOpen }
        if fds[0].revents != 0 { readSignals() }
    }

    func readSignals() {
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while read(signals, &info, size) == size {
            let code = info.ssi_code
            let byProcess = code == SI_USER || code == SI_QUEUE || code == SI_TKILL
            let received = Launcher.ReceivedSignal(signal: Int32(info.ssi_signo), code: code,
                                                   sender: byProcess ? pid_t(info.ssi_pid) : nil)
            handle(received, value: info.ssi_ptr)
        }
    }

    // MARK: - Signals

    func handle(_ received: Launcher.ReceivedSignal, value: UInt64) {
        let alive = outcome == nil
        let context = Launcher.SignalContext(
            selfPID: me, sessionLeader: sessionLeader,
            childInOwnGroup: !alive || { let g = getpgid(child); return g == -1 || g == ownGroup }(),
            childIsolated: childIsolated,
            childStatus: alive && (JobControl.stopSignals.contains(received.signal) || received.signal == SIGCONT)
                ? ProcessTable.status(of: child) : nil)
        let delivery = Launcher.delivery(for: received, context: context)
        if delivery == .reap { reap(); return }
        guard alive else { return }  // winding down: nothing to forward to
        // `fg` gave lwexec's group the terminal: the child's group gets it before it is continued.
        if received.signal == SIGCONT { handTerminalToChild() }
        // A terminating signal during a restart means "stop", not "restart": the old child's end is final.
        if restart != nil, [SIGTERM, SIGINT, SIGHUP, SIGQUIT].contains(received.signal), delivery != .ignore {
            restart = nil
        }
        switch delivery {
        case .reap, .ignore:
            return
        case .resizePty:
            if ptyMaster >= 0 { ChildIO.copyWindowSize(from: 1, to: ptyMaster) }
        case .child(let signal):
            if received.code == SI_QUEUE && signal == received.signal {
                _ = sigqueue(child, signal, sigval(sival_ptr: UnsafeMutableRawPointer(bitPattern: UInt(value))))
            } else {
                kill(child, signal)
            }
        case .childGroup(let signal):
            if signal == SIGSTOP && received.signal != SIGSTOP { requestedStop = received.signal }
            signalChildGroup(signal)
        }
    }

    /// Reaps every child that changed state; mirrors a stop of the main child (job control).
    func reap() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG | WUNTRACED)
            if pid > 0 {
                guard pid == child else { continue }  // an orphan (PID 1 / subreaper), or its stop
                if let ended = Launcher.Outcome(waitStatus: status) {
                    mainChildEnded(ended)
                } else if case .stopped(let signal) = WaitStatus(status) {
                    childStopped(by: signal)
                }
                continue
            }
            if pid == -1 && errno == EINTR { continue }
            if pid == -1 && errno == ECHILD {
                noChildrenLeft = true
                if outcome == nil && restart == nil { mainChildEnded(.lost) }
            }
            return
        }
    }

    func mainChildEnded(_ ended: Launcher.Outcome) {
        if let r = restart {
            restart = nil
            takeTerminalBack()  // for the next child
            spec.environment = r.environment
            if let values = r.maskValues { maskValues = values }
            start()
            return
        }
        outcome = ended
        if reaper {
            Subreaper.signalDescendants(SIGTERM)
            noChildrenLeft = !hasChildren()
            if !noChildrenLeft { descendantsKillAt = now() + options.killTimeoutMs }
        } else {
            noChildrenLeft = true
        }
        if noChildrenLeft { pumpsDeadline = now() + 500 }
    }

    func hasChildren() -> Bool {
        var info = siginfo_t()
        // WNOWAIT: look without reaping; ECHILD means none at all.
        return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0
    }

    // MARK: - Deadlines

    func handleDeadlines() {
        let t = now()
        if var r = restart, t >= r.killAt, outcome == nil {
            kill(child, SIGKILL)
            r.killAt = Int.max / 2
            restart = r
        }
        if let d = descendantsKillAt, t >= d {
            Subreaper.signalDescendants(SIGKILL)
            descendantsKillAt = nil
        }
        if outcome != nil && reaper && !noChildrenLeft {
            reap()
            if noChildrenLeft { descendantsKillAt = nil; pumpsDeadline = now() + 500 }
        }
        if let p = nextPollAt, t >= p, outcome == nil, restart == nil, let watch = options.watch {
            if let change = watch.poll() { apply(change) }
            nextPollAt = now() + max(0, watch.millisecondsToNextPoll())
        }
    }

    /// Is everything done once the main child has ended: descendants gone (as a reaper), and the
    /// output streams at end of file or out of time.
    func isWoundDown() -> Bool {
        guard noChildrenLeft else { return false }
        if pumps.isEmpty { return true }
        if let d = pumpsDeadline, now() >= d { return true }
        return false
    }

    func apply(_ change: SupervisionChange) {
        Launcher.report(change.message)
        switch change.action {
        case .signal(let signal):
            kill(child, signal)
        case .restart(let environment, let values):
            restart = Restart(environment: environment, maskValues: values, killAt: now() + options.killTimeoutMs)
            kill(child, options.killSignal)
        }
    }
}
