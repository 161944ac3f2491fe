import CSupervision
import Glibc

/// lwexec as PID 1 or as a child subreaper: every orphan below it becomes its child and is reaped, and
/// when the main child exits the rest are asked to stop before lwexec exits.
///
/// Why: in a container lwexec is PID 1, and processes the main command leaves behind (daemonised
/// helpers, zombies of a shell script) would otherwise pile up or be killed without warning when PID 1
/// exits. tini exits at once and leaves that to the kernel's SIGKILL; dumb-init sends SIGTERM to the
/// child's process group and exits. lwexec sends SIGTERM to every descendant and waits for them (up to
/// `--kill-timeout`, then SIGKILL), so they can shut down cleanly and their output is not cut off.
enum Subreaper {
    /// PR_SET_CHILD_SUBREAPER; false (errno set) when the kernel refuses.
    static func enable() -> Bool { lw_set_child_subreaper() == 0 }

    /// Whether orphans are reparented to this process: PID 1 of a namespace, or a subreaper.
    static func isReaper(subreaperRequested: Bool) -> Bool { getpid() == 1 || subreaperRequested }

    /// Sends `signal` to every remaining descendant. As PID 1 that is everything in the PID namespace
    /// (kill(-1) spares the caller); otherwise the process tree under lwexec, from /proc.
    /// Returns how many processes were signalled (-1 for "everything" as PID 1).
    @discardableResult
    static func signalDescendants(_ signal: Int32) -> Int {
        if getpid() == 1 {
            return kill(-1, signal) == 0 ? -1 : 0
        }
        let all = ProcessTable.descendants(of: getpid())
        for pid in all { kill(pid, signal) }
        return all.count
    }
}
