import Glibc

/// Reading and writing whole buffers on file descriptors, retrying on `EINTR` and partial transfers:
/// the one copy of the loops every part of lwexec needs (stderr lines, stdout, the terminal, files).
public enum FileDescriptorIO {
    /// Writes all of `bytes` to `fd`; false (with `errno` set) when a write fails.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            off += n
        }
        return true
    }

    /// Writes `text` as UTF-8 to `fd`.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ text: String) -> Bool { writeAll(fd, Array(text.utf8)) }

    /// Everything `fd` holds until end of file, up to `limit` bytes (more stops the reading: the
    /// caller sees `limit + 1` bytes or fewer); the `errno` of a failed read otherwise.
    public static func readAll(_ fd: Int32, limit: Int = .max) -> Result<[UInt8], Errno> {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while out.count <= limit {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Errno(errno))
            }
            if n == 0 { break }
            out += buf[0..<n]
        }
        return .success(out)
    }

    /// One line from `fd` (a terminal), read a byte at a time so nothing after the newline is
    /// consumed; without its newline and a CR before it. nil at end of input with nothing read, or on error.
    public static func readLine(_ fd: Int32) -> [UInt8]? {
        var line: [UInt8] = []
        var c: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &c, 1)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { if line.isEmpty { return nil }; break }
            if c == 0x0a { break }
            line.append(c)
        }
        if line.last == 0x0d { line.removeLast() }
        return line
    }
}

/// An `errno` value, as an error.
public struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    public var description: String { String(cString: strerror(code)) }
}
