import Glibc

/// Why the command could not be started, with the exit code a shell would use for the same failure.
///
/// The codes follow POSIX shells (127 not found, 126 found but not runnable) so scripts can tell
/// "lwexec could not start the command" from anything the command itself returns.
public enum LaunchError: Error, Equatable, Sendable {
    /// No file of that name on the search path, or the given path does not exist (exit 127).
    case notFound(command: String)
    /// The file exists but cannot be executed, e.g. no execute permission or a bad interpreter (exit 126).
    case notExecutable(command: String, reason: String)
    /// `posix_spawn` failed for another reason, such as running out of memory or processes (exit 126).
    case spawnFailed(command: String, errno: Int32)
    /// The kernel refused the arguments and environment as too large (E2BIG), with why (exit 126, as
    /// env(1) and the shells exit for it: the command exists but cannot be started this way).
    case tooLarge(command: String, space: ArgumentSpace)

    /// The status lwexec exits with for this failure: 127 for `notFound`, 126 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .notFound: return 127
        case .notExecutable, .spawnFailed, .tooLarge: return 126
        }
    }

    /// The first (often only) line for stderr in the usual shell shape, e.g. `lwexec: mycmd: command not found`.
    ///
    /// Control characters in the command are shown as `?` so the message stays on one line.
    public var message: String {
        switch self {
        case .notFound(let command):
            // A path that was not searched for reads better as the errno text, as in bash.
            let reason = command.contains("/") ? "No such file or directory" : "command not found"
            return "lwexec: \(oneLine(command)): \(reason)"
        case .notExecutable(let command, let reason):
            return "lwexec: \(oneLine(command)): \(oneLine(reason))"
        case .spawnFailed(let command, let code):
            return "lwexec: \(oneLine(command)): cannot run: \(errorText(code))"
        case .tooLarge(let command, let space):
            return "lwexec: \(oneLine(command)): cannot run: \(oneLine(space.message))"
        }
    }

    /// A second line on what to do, when there is one (`lwexec: ` included).
    public var hint: String? {
        guard case .tooLarge(_, let space) = self, let hint = space.hint else { return nil }
        return "lwexec: " + oneLine(hint)
    }
}

/// The C library's text for an errno value (English: lwexec never calls setlocale).
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// Replaces control characters so that a value cannot break a one-line message.
private func oneLine(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        result.append(scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar)
    }
    return String(result)
}
