import Glibc
import LWSystem

/// The process group a `credential_process` runs in (it leads it), and the terminal it may hold.
///
/// lwexec ends the group when it gives up on the helper — the deadline, a failure or unusable
/// output — and when lwexec itself is ended by SIGINT, SIGTERM or SIGHUP while the helper runs: a
/// grandchild the helper left behind (`sh -c 'agent & …'`) goes with it. It is spared when the helper
/// succeeds (it may be an agent the helper meant to leave running). What escapes the group
/// (`setsid`, `setpgid`) escapes this too, and nothing can act when lwexec is killed with SIGKILL.
struct HelperGroup {
    /// The helper's pid, which is its group's id. Not reaped until the group is done with, so the
    /// number cannot be reused by another group meanwhile.
    let leader: pid_t

    /// How long the group has between SIGTERM and SIGKILL.
    static let graceMs = 1000

    /// Ends the group: SIGTERM (and SIGCONT, so a stopped member gets it), then SIGKILL for what is
    /// left after `graceMs`. Waits for the group to empty on the helper's pipes (`drain`: readable
    /// until every member that holds them is gone) and otherwise re-checks every 20 ms; reaps the
    /// leader and any member lwexec adopted as a subreaper. Returns the leader's wait status.
    @discardableResult
    func end(draining drain: [Int32] = []) -> Int32 {
        kill(-leader, SIGTERM)
        kill(-leader, SIGCONT)
        let until = Clock.monotonicMs() + Self.graceMs
        var open = drain.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var buf = [UInt8](repeating: 0, count: 4096)
        var status: Int32?
        while true {
            reapMembers(into: &status)
            if status != nil && kill(-leader, 0) != 0 && errno == ESRCH { break }
            let left = until - Clock.monotonicMs()
            if left <= 0 {
                kill(-leader, SIGKILL)
                break
            }
            let count = open.count
            _ = poll(&open, nfds_t(count), Int32(min(left, 20)))
            for i in 0..<count where open[i].fd >= 0 && open[i].revents != 0 {
                if read(open[i].fd, &buf, buf.count) <= 0 { open[i].fd = -1 }
            }
        }
        if status == nil {
            var s: Int32 = 0
            while waitpid(leader, &s, 0) < 0 && errno == EINTR {}
            status = s
        }
        reapMembers(into: &status)
        return status ?? 0
    }

    /// Reaps the leader (once it exited) and every exited member lwexec is the parent of.
    func reapMembers(into leaderStatus: inout Int32?) {
        while true {
            var s: Int32 = 0
            let pid = waitpid(-leader, &s, WNOHANG)
            if pid < 0 && errno == EINTR { continue }
            guard pid > 0 else { return }
            if pid == leader { leaderStatus = s }
        }
    }

    /// The leader's end, if it has ended, without reaping it (waitid WNOWAIT).
    func exited() -> WaitStatus? {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(leader), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == leader else {
            return nil
        }
        let value = info._sifields._sigchld.si_status
        return info.si_code == Int32(CLD_EXITED) ? .exited(value) : .signaled(value)
    }

    /// Reaps the leader, leaving the rest of the group alone.
    func reap() {
        var s: Int32 = 0
        while waitpid(leader, &s, 0) < 0 && errno == EINTR {}
    }
}

/// lwexec's controlling terminal while its process group is the foreground one: a helper that
/// prompts (an MFA code, a password) reads the terminal, which a background group may not (SIGTTIN
/// would stop it), so the helper's group is given the terminal for its run (by posix_spawn, before
/// the helper runs: no read can come first) and lwexec's group takes it back after. Meanwhile a
/// Ctrl-C reaches the helper's group, not lwexec; a helper that dies of it makes lwexec die of it
/// too, as a shell does. Without a terminal, or with lwexec in the background, nothing changes hands.
struct HelperTerminal {
    let descriptor: Int32
    let ownGroup: pid_t

    /// The controlling terminal if lwexec's group is in its foreground, else nil.
    static func ifForeground() -> HelperTerminal? {
        let fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }  // ENXIO: no controlling terminal
        let group = getpgrp()
        guard tcgetpgrp(fd) == group else {
            close(fd)
            return nil
        }
        return HelperTerminal(descriptor: fd, ownGroup: group)
    }

    /// Gives the terminal back to lwexec's group if `helper`'s group has it, and closes it.
    /// lwexec is in the background then: tcsetpgrp would raise SIGTTOU, which is blocked meanwhile.
    func restore(from helper: pid_t) {
        if tcgetpgrp(descriptor) == helper {
            var block = sigset_t(), old = sigset_t()
            sigemptyset(&block)
            sigaddset(&block, SIGTTOU)
            pthread_sigmask(SIG_BLOCK, &block, &old)
            _ = tcsetpgrp(descriptor, ownGroup)
            pthread_sigmask(SIG_SETMASK, &old, nil)
        }
        close(descriptor)
    }
}
