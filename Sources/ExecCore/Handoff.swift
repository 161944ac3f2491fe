import Glibc
import Launcher

/// Hands a run the warm-start launcher cannot serve to `lwexec-core`, the full program, with the
/// same arguments (argv[0] included, so it still reads `lwexec` in `ps` and in messages).
package enum Handoff {
    package static let coreName = "lwexec-core"

    /// Where lwexec-core may be, next to this executable first: beside it (a build tree, or a
    /// bundle copied as a pair), then `../libexec/lwexec/` (what `make install` does).
    package static func candidates(executable: String) -> [String] {
        let dir = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? "."
        return [dir + "/" + coreName, dir + "/../libexec/lwexec/" + coreName]
    }

    /// The path of the running executable: /proc/self/exe, else (no /proc) argv[0] as the shell found it.
    static func executablePath() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let argv0 = CommandLine.arguments.first ?? "lwexec"
        if argv0.contains("/") { return argv0 }
        if case .success(let found) = Launcher.resolve(argv0, searchPath: getenv("PATH").map { String(cString: $0) }) {
            return found
        }
        return argv0
    }

    /// Replaces this process with lwexec-core; on failure says where it looked and exits 125.
    package static func exec() -> Never {
        let paths = candidates(executable: executablePath())
        var failures: [String] = []
        for path in paths {
            execv(path, CommandLine.unsafeArgv)
            failures.append("\(path): \(String(cString: strerror(errno)))")
        }
        let message = "lwexec: cannot run \(coreName) (\(failures.joined(separator: "; ")))\n"
            + "lwexec: install lwexec and \(coreName) together (make install puts it in PREFIX/libexec/lwexec)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(125)
    }
}
