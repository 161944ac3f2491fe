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
    ///
    /// Control characters are shown escaped (`\x1b`, `\n`): messages quote text from the network (a
    /// service's error message, a secret name), and an escape sequence in it must not reach the terminal.
    public static func write(_ line: String) {
        var bytes = escapingControls(Array(line.utf8))
        bytes.append(0x0a)
        FileDescriptorIO.writeAll(2, bytes)
    }

    /// `bytes` with C0 controls, DEL and C1 controls (U+0080–U+009F) written as `\xNN` (`\n`, `\r`, `\t`
    /// for the usual three); unchanged, without copying, when there is none.
    public static func escapingControls(_ bytes: [UInt8]) -> [UInt8] {
        func isControl(_ i: Int) -> Bool {
            let b = bytes[i]
            return b < 0x20 || b == 0x7f || (b == 0xc2 && i + 1 < bytes.count && (0x80...0x9f).contains(bytes[i + 1]))
        }
        guard bytes.indices.contains(where: isControl) else { return bytes }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            guard isControl(i) else { out.append(bytes[i]); i += 1; continue }
            var b = bytes[i]
            if b == 0xc2 { i += 1; b = bytes[i] }  // a C1 control: shown by its code point
            switch b {
            case 0x0a: out += Array("\\n".utf8)
            case 0x0d: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            default: out += [0x5c, 0x78, hex[Int(b >> 4)], hex[Int(b & 0xf)]]
            }
            i += 1
        }
        return out
    }
}
