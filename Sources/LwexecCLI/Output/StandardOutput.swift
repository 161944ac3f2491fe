import Glibc

/// Unbuffered, complete writes to stdout: what a command prints is there before it exits,
/// byte for byte (secret values must not be cut or re-encoded on the way).
enum StandardOutput {
    static func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    static func write(bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return }
            off += n
        }
    }
}
