/// What `waitpid` says of a child, decoded once for the launcher and for `credential_process`.
public enum WaitStatus: Equatable, Sendable {
    /// Exited with this status (WEXITSTATUS).
    case exited(Int32)
    /// Killed by this signal (WTERMSIG).
    case signaled(Int32)
    /// Stopped by this signal (WSTOPSIG).
    case stopped(Int32)
    /// Continued (WIFCONTINUED).
    case continued

    public init(_ status: Int32) {
        let low = status & 0x7f
        if status == 0xffff {
            self = .continued
        } else if low == 0 {
            self = .exited((status >> 8) & 0xff)
        } else if low == 0x7f {
            self = .stopped((status >> 8) & 0xff)
        } else {
            self = .signaled(low)
        }
    }

    /// The status a shell reports: the exit status, or 128 + the signal.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let s), .stopped(let s): 128 + s
        case .continued: 0
        }
    }
}
