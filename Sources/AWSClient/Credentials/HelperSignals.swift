import Glibc

/// While a `credential_process` runs, SIGINT, SIGTERM and SIGHUP sent to lwexec wake the wait loop
/// (`ProcessCapture`) through a self-pipe instead of ending lwexec at once: the loop ends the
/// helper's process group, then lwexec dies of the same signal (`disarm`, then `raise`), so its exit
/// status is still 128+N.
///
/// Handlers are installed only for the helper's run, and only over the default disposition: an
/// ignored signal stays ignored (lwexec would not die of it), another handler is left alone. Where
/// the signals are blocked — the `--watch` supervisor blocks every signal and reads them from a
/// signalfd after the poll — the handler never runs: lwexec cannot die of them while the helper
/// runs, and the supervisor handles them once the poll (bounded by its deadline) returns.
///
/// SIGCHLD writes to the same pipe (when its disposition is the default), so the loop wakes when the
/// helper exits even while something it left behind holds its pipes open.
///
/// The write end of the pipe is a global because a C signal handler can reach nothing else; it is set
/// before the handlers are installed and cleared after they are removed, on the calling thread.
enum HelperSignals {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    /// Installed handlers and the pipe they write the signal's number to.
    struct Armed {
        /// Readable once a watched signal arrived (one byte per signal: its number).
        let readEnd: Int32
        let writeEnd: Int32
        /// The signals this arming handles, with the action each had before.
        let previous: [(signal: Int32, action: sigaction)]

        /// What arrived since the last look (non-blocking): the first watched signal, if any, and
        /// whether a SIGCHLD did (a child changed state).
        func drain() -> (signal: Int32?, child: Bool) {
            var first: Int32?, child = false
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 {
                if Int32(byte) == SIGCHLD { child = true } else if first == nil { first = Int32(byte) }
            }
            return (first, child)
        }

        /// Puts the previous actions back and closes the pipe.
        func disarm() {
            for p in previous {
                var a = p.action
                sigaction(p.signal, &a, nil)
            }
            HelperSignals.writeEnd = -1
            close(readEnd)
            close(writeEnd)
        }
    }

    /// Installs the handlers; nil if the pipe cannot be made (then signals act as they always do).
    static func arm() -> Armed? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        writeEnd = fds[1]
        var previous: [(signal: Int32, action: sigaction)] = []
        for signal in watched + [SIGCHLD] {
            var old = sigaction()
            guard sigaction(signal, nil, &old) == 0, old.__sigaction_handler.sa_handler == nil else { continue }  // nil: SIG_DFL
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: poll and waitpid return EINTR
            guard sigaction(signal, &action, nil) == 0 else { continue }
            previous.append((signal, old))
        }
        return Armed(readEnd: fds[0], writeEnd: fds[1], previous: previous)
    }

    /// Writes the signal's number to the pipe (async-signal-safe: one write to a non-blocking pipe).
    static let handler: @convention(c) (Int32) -> Void = { signal in
        var byte = UInt8(truncatingIfNeeded: signal)
        let saved = errno
        _ = write(HelperSignals.writeEnd, &byte, 1)
        errno = saved
    }
}
