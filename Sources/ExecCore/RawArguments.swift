import Glibc

/// The command's arguments exactly as lwexec received them.
///
/// `CommandLine.arguments` decodes each argument as UTF-8, replacing invalid bytes, so
/// `lwexec P -- ls $'caf\xe9.txt'` would look for `caf\xef\xbf\xbd.txt`. The command is always the
/// last arguments of lwexec's own argv (everything after `--`), so they are taken from there as bytes.
enum RawArguments {
    /// The raw bytes of the last `command.count` arguments of this process, when they decode to
    /// `command`; `command` as UTF-8 otherwise (a command built some other way, as in tests).
    static func command(_ command: [String]) -> [[UInt8]] {
        let argc = Int(CommandLine.argc)
        guard command.count <= argc - 1 else { return command.map { Array($0.utf8) } }
        var out: [[UInt8]] = []
        out.reserveCapacity(command.count)
        for (k, text) in command.enumerated() {
            guard let p = CommandLine.unsafeArgv[argc - command.count + k] else { return command.map { Array($0.utf8) } }
            let bytes = Array(UnsafeRawBufferPointer(start: p, count: strlen(p)))
            guard String(decoding: bytes, as: UTF8.self) == text else { return command.map { Array($0.utf8) } }
            out.append(bytes)
        }
        return out
    }
}
