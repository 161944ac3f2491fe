import Glibc

/// Where the child runs relative to lwexec's process group: the rule that makes a group-wide kill
/// (`kill -TERM -PGID`, a shell's `kill %1`, timeout(1)) reach the child once.
///
/// In lwexec's group the child would get such a signal twice: once from the kernel, once forwarded by
/// lwexec, which cannot tell a kill of its group from a kill of its pid. In a group of its own (tini and
/// dumb-init do the same) only lwexec gets it, and forwards it once. A terminal signals, and lets read,
/// only its foreground group, so lwexec then hands that role to the child's group (see `Supervisor`'s
/// terminal methods). One case keeps the child in lwexec's group: lwexec's group owns the terminal
/// together with other processes (a pipeline such as `lwexec … | less`, a script run in the
/// foreground), which would lose the terminal, and a script its Ctrl-C, if the child took it.
enum ChildPlacement: Equatable {
    /// In lwexec's process group (the case above).
    case shared
    /// In a process group of its own, leading it (POSIX_SPAWN_SETPGROUP with group 0).
    case ownGroup
    /// In a session of its own on a pty (`--mask` on a terminal, see `ChildIO`).
    case ownSession

    /// The placement for a child that is not given a session of its own.
    ///
    /// - Parameters:
    ///   - foreground: the controlling terminal's foreground group, nil without a controlling terminal.
    ///   - ownGroup: lwexec's process group (0 when its leader is outside lwexec's PID namespace).
    ///   - othersInGroup: asked only when lwexec leads a foreground group: whether any other process is in
    ///     it (nil: unknown, taken as yes).
    static func decide(foreground: pid_t?, ownGroup: pid_t, me: pid_t, othersInGroup: () -> Bool?) -> ChildPlacement {
        // No terminal, or lwexec's group is in the background: nothing to share.
        guard let foreground, foreground == ownGroup else { return .ownGroup }
        // A shell job of its own (lwexec leads its group, alone): the child takes the terminal.
        if ownGroup > 0 && ownGroup == me && othersInGroup() == false { return .ownGroup }
        return .shared
    }
}

/// lwexec's controlling terminal: one descriptor to ask and set its foreground process group.
///
/// tcsetpgrp from a background group raises SIGTTOU unless the caller blocks or ignores it; the
/// supervisor blocks every signal, so these calls never stop lwexec.
struct ControllingTerminal {
    let descriptor: Int32

    /// The controlling terminal through /dev/tty (kept open, close-on-exec); nil without one.
    ///
    /// One system call when there is none (the warm start in a container or a pipeline): /dev/tty
    /// opens only for a process that has a controlling terminal.
    static func find() -> ControllingTerminal? {
        let fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }  // ENXIO: no controlling terminal
        if tcgetpgrp(fd) == -1 {
            close(fd)
            return nil
        }
        return ControllingTerminal(descriptor: fd)
    }

    /// The foreground process group (a stale number once that group is gone; 0 when it is outside
    /// lwexec's PID namespace); -1 when the terminal is gone.
    func foreground() -> pid_t { tcgetpgrp(descriptor) }

    /// Makes `group` the foreground process group; false if the terminal refused (e.g. after a hangup).
    @discardableResult
    func give(to group: pid_t) -> Bool { tcsetpgrp(descriptor, group) == 0 }
}

extension Supervisor {
    /// The child's process group when it leads one of its own (its pid), nil when it shares lwexec's.
    var childGroup: pid_t? { placement == .shared || child <= 0 ? nil : child }

    /// Gives the terminal to the child's group if lwexec's own group has it: after spawning, and on
    /// SIGCONT (`fg` gave it to lwexec's group).
    func handTerminalToChild() {
        guard placement == .ownGroup, let terminal, ownGroup > 0, terminal.foreground() == ownGroup else { return }
        terminal.give(to: child)
    }

    /// Gives the terminal back to lwexec's group if the child's group has it; true if it did.
    @discardableResult
    func takeTerminalBack() -> Bool {
        guard placement == .ownGroup, let terminal, ownGroup > 0, child > 0, terminal.foreground() == child else {
            return false
        }
        return terminal.give(to: ownGroup)
    }

    /// Sends `signal` to the child's process group when it has one apart from lwexec's, to the child
    /// otherwise; never to lwexec's own group.
    func signalChildGroup(_ signal: Int32) {
        let group = getpgid(child)
        if group > 1 && group != ownGroup {
            kill(-group, signal)
        } else {
            kill(child, signal)
        }
    }

    /// The child stopped (waitpid WUNTRACED): job control through lwexec, see `JobControl`.
    ///
    /// - SIGTTIN/SIGTTOU while the child's group is the terminal's foreground: it read or wrote the
    ///   terminal just before lwexec handed it over (right after the spawn, or after `fg` of a job that
    ///   ran in the background); it has the terminal now, so it is continued and its read is retried.
    /// - Otherwise lwexec takes the terminal back for its own group and stops the same way; the SIGCONT
    ///   that continues it (`fg`, `bg`) then continues the child's group (`Launcher.delivery`), with the
    ///   terminal if lwexec's group has it.
    /// - If lwexec cannot stop (PID 1, or a process group the kernel considers orphaned, where it
    ///   discards SIGTSTP because no shell could continue it), nothing could continue the child either:
    ///   the terminal goes back to it and a SIGTSTP is undone with SIGCONT, as the kernel would have
    ///   discarded it with the child in lwexec's group.
    func childStopped(by stopSignal: Int32) {
        if stopSignal == SIGTTIN || stopSignal == SIGTTOU, placement == .ownGroup, let terminal,
           terminal.foreground() == child {
            signalChildGroup(SIGCONT)
            return
        }
        let mirror = stopSignal == SIGSTOP ? (requestedStop ?? SIGSTOP) : stopSignal
        requestedStop = nil
        let tookTerminal = takeTerminalBack()
        let foreground = ownGroup > 0 && terminal?.foreground() == ownGroup
        if JobControl.stopSelf(like: mirror, foreground: foreground) { return }
        if tookTerminal { terminal?.give(to: child) }
        if mirror == SIGTSTP { signalChildGroup(SIGCONT) }
    }
}
