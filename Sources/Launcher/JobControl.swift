import Glibc

/// Shell job control through lwexec: Ctrl-Z stops the child, and lwexec stops with it so that the shell
/// (which only waits for lwexec, its own child) sees a stopped job; `fg` continues both.
///
/// tini does not do this (the child stops, tini keeps running, the shell waits forever); dumb-init stops
/// itself with SIGSTOP whenever it receives a job-control signal. lwexec instead mirrors the child: it
/// stops when, and only when, the child has stopped, and with the child's stop signal, so the shell
/// prints the usual "Stopped" (or "Stopped (tty input)" for a background read) and nothing stops if the
/// child handles the signal itself. The terminal's foreground moves with it (`Supervisor.childStopped`).
enum JobControl {
    static let stopSignals: Set<Int32> = [SIGTSTP, SIGTTIN, SIGTTOU]

    /// Stops lwexec with `signal` (a stop signal), returning once it has been continued: true then, false
    /// if it did not stop.
    ///
    /// SIGTSTP/SIGTTIN/SIGTTOU are raised while blocked and then unblocked for a moment, so their default
    /// action (stop) runs; the kernel discards them in an orphaned process group, where nothing could
    /// continue lwexec again. SIGSTOP is only mirrored when lwexec is the foreground job of a terminal
    /// (`foreground`): without a job-control shell to say `fg`, a stopped lwexec could never reap its
    /// child. PID 1 cannot be stopped by itself, so it does nothing.
    ///
    /// Whether it stopped: a stop signal discards any pending SIGCONT, and the SIGCONT that ends a stop
    /// stays pending (lwexec blocks it), so a pending SIGCONT afterwards means stopped and continued.
    @discardableResult
    static func stopSelf(like signal: Int32, foreground: Bool) -> Bool {
        guard getpid() != 1 else { return false }
        if signal == SIGSTOP {
            guard foreground else { return false }
            kill(getpid(), SIGSTOP)  // stops on the way out of kill(2)
            return true
        }
        guard stopSignals.contains(signal) else { return false }
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, signal)
        kill(getpid(), signal)
        pthread_sigmask(SIG_UNBLOCK, &only, nil)  // delivered here: the process stops until SIGCONT
        pthread_sigmask(SIG_BLOCK, &only, nil)
        var pending = sigset_t()
        sigpending(&pending)
        return sigismember(&pending, SIGCONT) == 1
    }
}
