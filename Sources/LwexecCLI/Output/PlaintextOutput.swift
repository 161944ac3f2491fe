import AWSClient
import Glibc

/// Secret values written to standard output that is a regular file (`lwexec env PREFIX > .env`):
/// a plaintext copy on disk, which the SOP forbids. lwexec restricts the file to its owner on the
/// open descriptor and says so, with the way to need no copy. Pipes, terminals and /dev/null are
/// left alone.
enum PlaintextOutput {
    /// Call before the values are written. `instead` is the command line that gives the command
    /// the same values without a file (`lwexec PREFIX -- CMD`).
    static func guardFile(instead: String, log: Logger) {
        var st = stat()
        guard fstat(1, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return }
        let path = target() ?? "standard output"
        let mode = st.st_mode & 0o777
        var restricted = true
        if mode & 0o077 != 0 {
            restricted = fchmod(1, mode & 0o700) == 0
        }
        if restricted {
            log.notice("\(path) now holds secret values in plain text; lwexec made it readable by you only (mode 0\(String(mode & 0o700, radix: 8)))")
        } else {
            log.notice("\(path) now holds secret values in plain text, readable by others (mode 0\(String(mode, radix: 8))); lwexec could not change that: \(String(cString: strerror(errno)))")
        }
        log.notice("to keep no copy on disk, give them to the command instead: \(instead) -- CMD (add --cache to start fast from the kernel keyring)")
    }

    /// The file standard output is open on, from /proc.
    static func target() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/fd/1", &buf, buf.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
