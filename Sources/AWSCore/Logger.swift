import Glibc

/// Diagnostics on stderr: warnings unless quiet, details with `-v`. Never given a secret value.
public struct Logger: Sendable {
    public var verbose: Bool
    public var quiet: Bool

    public init(verbose: Bool = false, quiet: Bool = false) {
        self.verbose = verbose
        self.quiet = quiet
    }

    /// A detail shown only with `-v`: names, calls, timings.
    public func debug(_ message: @autoclosure () -> String) {
        if verbose { Self.write("lwexec: " + message()) }
    }

    /// A notice the user should see unless they asked for quiet.
    public func notice(_ message: @autoclosure () -> String) {
        if !quiet { Self.write("lwexec: " + message()) }
    }

    /// Writes one line to stderr in a single write, so lines from lwexec and its child do not interleave mid-line.
    public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0a)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }
}
