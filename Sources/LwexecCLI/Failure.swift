import AWSClient
import Glibc
import SecretResolution

/// Prints an lwexec failure in one or two lines and exits 125, as env(1) does for its own errors.
enum Failure {
    static let exitCode: Int32 = 125

    static func exit(_ message: String, hint: String?) -> Never {
        Logger.write("lwexec: " + message)
        if let hint { Logger.write("lwexec: " + hint) }
        Glibc.exit(exitCode)
    }

    static func exit(_ error: any Error) -> Never {
        if let e = error as? any UserFacingError { e.exitLwexec() }
        exit("\(error)", hint: nil)
    }
}

/// A subcommand's own failure: thrown from `run()`, printed as one or two lines, exit 125.
public struct CommandFailure: Error, UserFacingError, Sendable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
