import Glibc
import LWSystem

/// Unbuffered, complete writes to stdout: what a command prints is there before it exits,
/// byte for byte (secret values must not be cut or re-encoded on the way).
enum StandardOutput {
    static func write(_ text: String) {
        write(bytes: Array(text.utf8))
    }

    static func write(bytes: [UInt8]) {
        FileDescriptorIO.writeAll(1, bytes)
    }
}
