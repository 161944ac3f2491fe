import Glibc
import Launcher
import LWSystem

/// Hands a run the warm-start launcher cannot serve to `lwexec-core`, the full program, with the
/// same arguments (argv[0] included, so it still reads `lwexec` in `ps` and in messages).
package enum Handoff {
    package static let coreName = "lwexec-core"

    /// Where lwexec-core may be, given this executable's absolute path: beside it (a build tree, or a
    /// bundle copied as a pair), then `../libexec/lwexec/` (what `make install` does).
    package static func candidates(executable: String) -> [String] {
        let dir = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? ""
        return [dir + "/" + coreName, dir + "/../libexec/lwexec/" + coreName]
    }

    /// The real path of the running executable: /proc/self/exe, else (no /proc) argv[0] as the shell
    /// found it, with symlinks resolved; nil when neither says (never a guess relative to the working
    /// directory, where anyone could have left an `lwexec-core`).
    static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        var path = CommandLine.arguments.first ?? ""
        if !path.contains("/") {
            guard case .success(let found) = Launcher.resolve(path, searchPath: getenv("PATH").map { String(cString: $0) })
            else { return nil }
            path = found
        }
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Replaces this process with lwexec-core; on failure says where it looked and exits 125.
    package static func exec() -> Never {
        guard let executable = executablePath() else {
            fail("cannot run \(coreName): the path of this executable is unknown (no /proc/self/exe, argv[0] not found)",
                 advice: "install lwexec and \(coreName) together (make install puts it in PREFIX/libexec/lwexec)")
        }
        let paths = candidates(executable: executable)
        var failures: [String] = []
        // lwexec-core starts with the core limit lwexec was given (it hardens itself again), so its
        // children get that limit too; lwexec holds no secret at this point.
        ProcessHardening.restoreInheritedCoreLimit()
        for path in paths {
            execv(path, CommandLine.unsafeArgv)
            failures.append("\(path): \(String(cString: strerror(errno)))")
        }
        fail("cannot run \(coreName) (\(failures.joined(separator: "; ")))",
             advice: advice(executable: executable, present: paths.filter { access($0, F_OK) == 0 }))
    }

    /// What to do when no candidate ran, with the real paths. The usual case is `lwexec` copied alone
    /// (`COPY lwexec /usr/local/bin/` in a Dockerfile): name the second file and where it goes. A
    /// candidate that exists but would not run (ENOENT too when its ELF interpreter is missing, as on
    /// a musl image) is a different problem, said as such.
    package static func advice(executable: String, present: [String]) -> String {
        if let found = present.first {
            return "\(found) is there but could not be executed: it must be an executable file for this machine, "
                + "and it needs glibc's dynamic loader (\(coreName) is dynamically linked)"
        }
        let dir = executable.lastIndex(of: "/").map { String(executable[..<$0]) } ?? ""
        let parent = dir.lastIndex(of: "/").map { String(dir[..<$0]) } ?? ""
        return "lwexec is two files: copy \(coreName) too, beside lwexec in \(dir)/ or as "
            + "\(parent)/libexec/lwexec/\(coreName) (the layout of the release tarball and of make install)"
    }

    /// Two lines on stderr (what failed, what to do) and exit 125, as for every lwexec failure.
    static func fail(_ what: String, advice: String) -> Never {
        Logger.write("lwexec: " + what)
        Logger.write("lwexec: " + advice)
        exit(125)
    }
}
