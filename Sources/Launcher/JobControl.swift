import Glibc

/// Shell job control through lwexec: Ctrl-Z stops the child, and lwexec stops with it so that the shell
/// (which only waits for lwexec, its own child) sees a stopped job; `fg` continues both.
///
/// tini does not do this (the child stops, tini keeps running, the shell waits forever); dumb-init stops
/// itself with SIGSTOP whenever it receives a job-control signal. lwexec instead mirrors the child: it
/// stops when, and only when, the child has stopped, and with the child's stop signal, so the shell
/// prints the usual "Stopped" (or "Stopped (tty input)" for a background read) and nothing stops if the
/// child handles the signal itself.
enum JobControl {
    static let stopSignals: Set<Int32> = [SIGTSTP, SIGTTIN, SIGTTOU]

    /// Stops lwexec with `signal` (a stop signal), returning once it has been continued.
    ///
    /// SIGTSTP/SIGTTIN/SIGTTOU are raised while blocked and then unblocked for a moment, so their default
    /// action (stop) runs; the kernel discards them in an orphaned process group, where nothing could
    /// continue lwexec again. SIGSTOP is only mirrored when lwexec is the foreground job of a terminal:
    /// without a job-control shell to say `fg`, a stopped lwexec could never reap its child.
    /// PID 1 cannot be stopped by itself, so it does nothing.
    static func stopSelf(like signal: Int32) {
        guard getpid() != 1 else { return }
        if signal == SIGSTOP {
            if isForegroundOfTerminal() { kill(getpid(), SIGSTOP) }
            return
        }
        guard stopSignals.contains(signal) else { return }
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        kill(getpid(), signal)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)  // delivered here: the process stops until SIGCONT
        pthread_sigmask(SIG_BLOCK, &only, nil)
    }

    /// Whether lwexec's process group is the foreground group of the terminal on stdin, stdout or stderr.
    static func isForegroundOfTerminal() -> Bool {
        for fd: Int32 in [0, 1, 2] where isatty(fd) == 1 {
            if tcgetpgrp(fd) == getpgrp() { return true }
        }
        return false
    }
}
