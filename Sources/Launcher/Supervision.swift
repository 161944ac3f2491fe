import CSupervision
import Glibc

/// What lwexec does beyond forwarding signals and passing on the exit status (`lwexec exec` options).
///
/// The defaults are the plain launcher: no output filtering, no watching, subreaping only as PID 1.
public struct SupervisionOptions {
    /// `--subreaper`: become a child subreaper, reap every orphan, and when the main child exits, send
    /// SIGTERM to the remaining descendants (SIGKILL after `killTimeoutMs`) before exiting. Implied as PID 1.
    public var subreaper = false
    /// `--mask`: the child's stdout and stderr pass through lwexec with these byte strings replaced by
    /// `*****` (nil: the child writes to lwexec's stdout and stderr directly).
    public var maskValues: [[UInt8]]?
    /// `--kill-signal`: what a restart sends first.
    public var killSignal: Int32 = SIGTERM
    /// `--kill-timeout`: how long a restart (or the descendants at the end) may take before SIGKILL.
    public var killTimeoutMs = 10_000
    /// `--watch`: polls for changes between signal waits.
    public var watch: (any SupervisionWatch)?

    public init() {}
}

/// Something the supervisor asks, between signal waits, whether the child should be restarted or told.
///
/// Called on the supervising (main) thread with every signal blocked; a poll blocks signal handling for
/// its duration (signals wait, none is lost), so it should carry its own timeout.
public protocol SupervisionWatch: AnyObject {
    /// Milliseconds from now until the next poll (jitter and backoff are the watcher's business).
    func millisecondsToNextPoll() -> Int
    /// Looks for a change; nil when there is none or the poll failed (the child keeps running).
    func poll() -> SupervisionChange?
}

/// A change the watcher found, and what to do about it.
public struct SupervisionChange {
    public enum Action {
        /// Stop the child (kill signal, then SIGKILL after the timeout) and start it again with this
        /// environment; `maskValues` replaces the values masked in the new child's output.
        case restart(environment: [(name: [UInt8], value: [UInt8])], maskValues: [[UInt8]]?)
        /// Send this signal to the child, which reloads by itself.
        case signal(Int32)
    }

    public var action: Action
    /// The one line logged for it: names, never values.
    public var message: String

    public init(action: Action, message: String) {
        self.action = action
        self.message = message
    }
}

extension Launcher {
    /// Like `runAndExit(_:)`, with the extra supervision `options` ask for. Never returns.
    public static func runAndExit(_ spec: LaunchSpec, options: SupervisionOptions) -> Never {
        let inheritedIgnored = ignoredSignals()
        var all = sigset_t()
        sigfillset(&all)
        pthread_sigmask(SIG_BLOCK, &all, nil)
        setDefaultDisposition(SIGCHLD)

        let command = spec.command
        let path: String
        switch resolve(command, searchPath: spec.searchPath) {
        case .success(let found): path = found
        case .failure(let error): fail(error)
        }
        if options.subreaper && getpid() != 1 && !Subreaper.enable() {
            report("lwexec: cannot become a subreaper: \(errorText(errno))")
            exit(125)
        }
        actOnPendingSignals(all, ignored: inheritedIgnored)
        let supervisor = Supervisor(spec: spec, path: path, options: options, inheritedIgnored: inheritedIgnored,
                                    waitSet: all)
        supervisor.run()
    }
}
