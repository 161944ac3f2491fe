import Glibc

/// An error lwexec tells the user about: what happened, and one thing to do next.
///
/// Every failure that reaches the user has this shape — `AWSError`, `ResolutionError`,
/// `CommandFailure` — and leaves the same way: one or two lines on stderr and exit 125, as env(1)
/// does for its own errors.
public protocol UserFacingError: Error {
    /// What happened, on the first line.
    var message: String { get }
    /// One short sentence on what to do next, on the second line.
    var hint: String? { get }
}

extension UserFacingError {
    /// Prints the error in one or two lines and exits 125.
    public func exitLwexec() -> Never {
        Logger.write("lwexec: " + message)
        if let hint { Logger.write("lwexec: " + hint) }
        exit(125)
    }
}
