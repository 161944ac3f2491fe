import CSupervision
import Glibc

extension Launcher {
    /// Where one received signal goes, after `action(for:)` has ruled out reaping and double delivery.
    enum Delivery: Equatable {
        case reap
        case ignore
        /// kill(child, n); a sigqueue(3) value is passed along.
        case child(Int32)
        /// kill(-pgid, n): the child's process group, for a child outside lwexec's group (in a group or a
        /// session of its own).
        case childGroup(Int32)
        /// Copy lwexec's terminal size into the child's pty; the kernel then signals its foreground group.
        case resizePty
    }

    /// What the rules need to know about the moment a signal arrives.
    struct SignalContext {
        var selfPID: pid_t
        var sessionLeader: Bool
        /// The child is in lwexec's own process group (`ChildPlacement.shared`).
        var childInOwnGroup: Bool
        /// The child has its own session and a pty as controlling terminal (`--mask` on a terminal).
        var childIsolated: Bool
        /// Run state and pending signals of the child, when /proc could tell.
        var childStatus: ProcessTable.Status?
    }

    /// The full rule, signal by signal (docs/signals.md has the table and the reasons):
    /// - SIGCHLD reaps; terminal signals the child already got and lwexec's own signals are dropped
    ///   (`action(for:)`).
    /// - SIGTSTP/SIGTTIN/SIGTTOU go on only if the child does not already have one pending or is not
    ///   already stopped. A child in its own session is an orphaned process group, where the kernel
    ///   discards those three: it gets SIGSTOP instead.
    /// - SIGCONT goes on only to a stopped child: after `fg` with the child in lwexec's group, the shell's
    ///   own SIGCONT to the group continued it, and a second one would run its SIGCONT handler twice.
    ///   A child in a group of its own gets it on that group, all of which a Ctrl-Z stopped.
    /// - SIGWINCH with a pty: the size is copied to the pty (the kernel sends SIGWINCH if it changed).
    /// - Terminal-generated signals (`SI_KERNEL`) for a child outside lwexec's group go to the child's
    ///   group, as the terminal would have sent them to it; everything else goes to the child itself.
    static func delivery(for received: ReceivedSignal, context c: SignalContext) -> Delivery {
        switch action(for: received, selfPID: c.selfPID, sessionLeader: c.sessionLeader,
                      childInOwnGroup: { c.childInOwnGroup }) {
        case .reap: return .reap
        case .ignore: return .ignore
        case .forward: break
        }
        let signal = received.signal
        let apart = !c.childInOwnGroup
        let group: (Int32) -> Delivery = { apart ? .childGroup($0) : .child($0) }
        if signal == SIGWINCH && c.childIsolated { return .resizePty }
        if JobControl.stopSignals.contains(signal) {
            if let s = c.childStatus, s.isStopped || s.hasPending(signal) { return .ignore }
            if c.childIsolated { return .childGroup(SIGSTOP) }
            return received.code == SI_KERNEL ? group(signal) : .child(signal)
        }
        if signal == SIGCONT {
            if let s = c.childStatus, !s.isStopped { return .ignore }
            return group(SIGCONT)
        }
        if received.code == SI_KERNEL { return group(signal) }
        return .child(signal)
    }
}
