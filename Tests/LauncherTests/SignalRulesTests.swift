import Glibc
import Testing
@testable import Launcher

/// The decision table of docs/signals.md, row by row, without processes.
@Suite("signal rules (docs/signals.md)")
struct SignalRulesTests {
    typealias Received = Launcher.ReceivedSignal
    static let running = ProcessTable.Status(state: "S", pending: 0)
    static let stopped = ProcessTable.Status(state: "T", pending: 0)

    func decide(_ signal: Int32, code: Int32 = Int32(SI_USER), sender: pid_t? = 42, inGroup: Bool = true,
                isolated: Bool = false, status: ProcessTable.Status? = running) -> Launcher.Delivery {
        Launcher.delivery(for: Received(signal: signal, code: code, sender: sender),
                          context: .init(selfPID: 100, sessionLeader: false, childInOwnGroup: inGroup,
                                         childIsolated: isolated, childStatus: status))
    }

    @Test func killSentSignalsGoToTheChild() {
        for s in [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGQUIT, SIGALRM, SIGURG, SIGWINCH, SIGPIPE, Int32(37)] {
            #expect(decide(s) == .child(s))
        }
    }

    @Test func terminalSignalsAreLeftToTheTerminalsOwnCopy() {
        for s in [SIGINT, SIGQUIT, SIGTSTP, SIGWINCH, SIGTTIN, SIGTTOU] {
            #expect(decide(s, code: Int32(SI_KERNEL), sender: nil) == .ignore)
        }
    }

    @Test func stopSignalsGoOnOnlyIfTheChildHasNoCopy() {
        #expect(decide(SIGTSTP) == .child(SIGTSTP))
        #expect(decide(SIGTSTP, status: Self.stopped) == .ignore)
        let pending = ProcessTable.Status(state: "S", pending: UInt64(1) << UInt64(SIGTSTP - 1))
        #expect(decide(SIGTSTP, status: pending) == .ignore)
        #expect(decide(SIGTTIN, status: nil) == .child(SIGTTIN))  // no /proc: forward
    }

    @Test func contGoesOnlyToAStoppedChild() {
        #expect(decide(SIGCONT) == .ignore)
        #expect(decide(SIGCONT, status: Self.stopped) == .child(SIGCONT))
        #expect(decide(SIGCONT, status: nil) == .child(SIGCONT))
    }

    @Test func anIsolatedChildGetsTerminalSignalsOnItsGroupAndSIGSTOPForStops() {
        let tty = Int32(SI_KERNEL)
        #expect(decide(SIGINT, code: tty, sender: nil, inGroup: false, isolated: true) == .childGroup(SIGINT))
        #expect(decide(SIGTSTP, code: tty, sender: nil, inGroup: false, isolated: true) == .childGroup(SIGSTOP))
        #expect(decide(SIGWINCH, code: tty, sender: nil, inGroup: false, isolated: true) == .resizePty)
        #expect(decide(SIGCONT, inGroup: false, isolated: true, status: Self.stopped) == .childGroup(SIGCONT))
        #expect(decide(SIGTERM, inGroup: false, isolated: true) == .child(SIGTERM))
    }

    @Test func aChildInAGroupOfItsOwnGetsTerminalAndContinueSignalsOnItsGroup() {
        let tty = Int32(SI_KERNEL)
        // lwexec's group had the terminal (before the hand-over, or between `fg` and it): the child got nothing.
        for s in [SIGINT, SIGQUIT, SIGWINCH, SIGTSTP, SIGTTIN] {
            #expect(decide(s, code: tty, sender: nil, inGroup: false) == .childGroup(s))
        }
        #expect(decide(SIGCONT, inGroup: false, status: Self.stopped) == .childGroup(SIGCONT))
        #expect(decide(SIGCONT, inGroup: false) == .ignore)
        // kill(2): the child only, as before (its own children are its business).
        for s in [SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGTSTP] {
            #expect(decide(s, inGroup: false) == .child(s))
        }
    }

    @Test func theChildTakesAGroupOfItsOwnUnlessLwexecsForegroundGroupHasOthers() {
        func place(foreground: pid_t?, group: pid_t, me: pid_t = 10, others: Bool? = false) -> ChildPlacement {
            ChildPlacement.decide(foreground: foreground, ownGroup: group, me: me, othersInGroup: { others })
        }
        #expect(place(foreground: nil, group: 5) == .ownGroup)  // no terminal (systemd, docker, CI)
        #expect(place(foreground: 7, group: 5, others: true) == .ownGroup)  // a background job
        #expect(place(foreground: 10, group: 10) == .ownGroup)  // a shell job of its own
        #expect(place(foreground: 10, group: 10, others: true) == .shared)  // `lwexec … | less`
        #expect(place(foreground: 10, group: 10, others: nil) == .shared)  // no /proc: as before
        #expect(place(foreground: 5, group: 5) == .shared)  // a script in the foreground
        #expect(place(foreground: 0, group: 0, me: 1) == .shared)  // PID 1, group leader outside the namespace
    }

    @Test func chldAndOwnSignalsAreNotForwarded() {
        #expect(decide(SIGCHLD) == .reap)
        #expect(decide(SIGPIPE, sender: 100) == .ignore)
    }

    @Test func procStatusParsing() {
        let text = "Name:\tpython3\nState:\tT (stopped)\nSigQ:\t0/100\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000080000\n"
        let s = ProcessTable.parseStatus(text)
        #expect(s?.isStopped == true)
        #expect(s?.hasPending(SIGCONT) == false)
        #expect(s?.hasPending(SIGTSTP) == true)  // bit 19 = signal 20
        #expect(ProcessTable.parseParent(stat: "42 (a (weird) name) S 7 42 42 0") == 7)
    }

    @Test func signalNames() {
        #expect(SignalNames.number("TERM") == SIGTERM)
        #expect(SignalNames.number("sighup") == SIGHUP)
        #expect(SignalNames.number("9") == SIGKILL)
        #expect(SignalNames.number("0") == nil)
        #expect(SignalNames.number("BOGUS") == nil)
        #expect(SignalNames.name(SIGWINCH) == "SIGWINCH")
    }
}
