import Glibc
import LWSystem

/// Where a secret value comes from when it is not generated: stdin, or a prompt on the terminal.
///
/// Values never come from the command line: an argument lands in shell history and in `ps`.
enum SecretInput {
    /// Secrets Manager's limit for a `SecretString`, in bytes.
    static let maxBytes = 65_536

    /// Whether stdin carries data (a pipe, a file, a socket) rather than a terminal or `/dev/null`.
    static func stdinHasData() -> Bool {
        var st = stat()
        guard fstat(0, &st) == 0 else { return false }
        let type = st.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFREG || type == S_IFSOCK
    }

    /// The value for `name`: prompted twice without echo when stdin is a terminal, else all of stdin.
    ///
    /// From stdin one trailing newline (`\n` or `\r\n`) is dropped, as `echo value |` adds it,
    /// unless `keepTrailingNewline`.
    static func read(for name: String, keepTrailingNewline: Bool) throws(CommandFailure) -> String {
        if isatty(0) == 1 {
            return try promptTwice(for: name)
        }
        var bytes = try readAllStdin()
        if !keepTrailingNewline, bytes.last == 0x0a {
            bytes.removeLast()
            if bytes.last == 0x0d { bytes.removeLast() }
        }
        return try text(bytes, source: "stdin")
    }

    /// All of stdin, up to `limit` bytes (past the service's limit by default: the caller reports it).
    static func readAllStdin(limit: Int = maxBytes + 2) throws(CommandFailure) -> [UInt8] {
        switch FileDescriptorIO.readAll(0, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(let e): throw CommandFailure("cannot read the value from stdin: \(e)")
        }
    }

    /// Checks a value is text Secrets Manager takes: not empty, UTF-8, within the size limit.
    static func text(_ bytes: [UInt8], source: String) throws(CommandFailure) -> String {
        if bytes.isEmpty {
            throw CommandFailure("no value on \(source)", hint: "pipe the value in (lwexec write NAME < file), or use --generate")
        }
        if bytes.count > maxBytes {
            throw CommandFailure("the value is larger than Secrets Manager's limit of 64 KiB")
        }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("the value on \(source) is not UTF-8 text", hint: "store binary data base64-encoded")
        }
        // An environment variable cannot carry a NUL: every later run of the prefix would refuse it.
        try refuseNUL(bytes, what: "the value on \(source)")
        return s
    }

    /// A value holding a NUL byte is refused: one writer would break every consumer of the prefix.
    static func refuseNUL(_ bytes: [UInt8], what: String) throws(CommandFailure) {
        if bytes.contains(0) {
            throw CommandFailure("\(what) holds a NUL byte, which no environment variable can carry",
                                 hint: "store binary data base64-encoded")
        }
    }

    /// Asks twice on `/dev/tty` with echo off; the answers must match.
    static func promptTwice(for name: String) throws(CommandFailure) -> String {
        let tty = try TTY.open()
        defer { tty.close() }
        let first = try tty.readHidden(prompt: "Value for \(name): ")
        guard !first.isEmpty else { throw CommandFailure("no value entered") }
        let second = try tty.readHidden(prompt: "Again, to confirm: ")
        guard Array(first.utf8) == Array(second.utf8) else { throw CommandFailure("the two values differ; nothing was written") }
        return try text(Array(first.utf8), source: "the terminal")
    }
}
