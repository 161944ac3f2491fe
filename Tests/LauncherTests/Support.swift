import Glibc
import Testing
@testable import Launcher

/// A failure inside a test helper, with what went wrong.
struct HelperFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where the helper programs are.
enum Tools {
    /// `launcher-probe`, built next to the test binary (`.build/<triple>/<config>/`).
    static let probe: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = length > 0 ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        let directory = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        return directory + "/launcher-probe"
    }()

    /// A real python3 binary (not a pyenv shim, which is a bash script and slow to start), or nil.
    static let python: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"]
        where Launcher.fileKind(candidate) == .executable {
            return candidate
        }
        let path = getenv("PATH").map { String(cString: $0) }
        return try? Launcher.resolve("python3", searchPath: path).get()
    }()

    static var hasPython: Bool { python != nil }
}

/// A private directory under /tmp, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/launcher-tests.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HelperFailure("mkdtemp: \(errno)") }
        path = String(cString: made)
    }

    deinit {
        if let pid = try? spawn(["/bin/rm", "-rf", path]) { _ = try? waitForExit(pid) }
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// Starts a process with default signal dispositions and the given signals blocked, stdin from
/// /dev/null, and stdout/stderr to files when asked (inherited otherwise); `newGroup` makes it the leader
/// of a process group of its own.
func spawn(_ arguments: [String], environment: [String]? = nil, stdout: String? = nil, stderr: String? = nil,
           blocked: [Int32] = [], newGroup: Bool = false) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    for signal in blocked { sigaddset(&mask, signal) }
    var noneIgnored = sigset_t()
    sigemptyset(&noneIgnored)
    var defaults = Launcher.spawnDefaults(inheritedIgnored: noneIgnored)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    let group = newGroup ? Int32(POSIX_SPAWN_SETPGROUP) : 0
    posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | group))

    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let code: Int32
    if let environment {
        let envp = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    } else {
        code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    }
    guard code == 0 else { throw HelperFailure("posix_spawn \(arguments[0]): \(String(cString: strerror(code)))") }
    return pid
}

/// How a process ended, from its raw wait status.
struct Ended: Equatable, CustomStringConvertible {
    let status: Int32
    var exitCode: Int32? { status & 0x7F == 0 ? (status >> 8) & 0xFF : nil }
    var signal: Int32? { status & 0x7F != 0 && status & 0x7F != 0x7F ? status & 0x7F : nil }
    var coreDumped: Bool { signal != nil && status & 0x80 != 0 }
    var description: String {
        if let exitCode { return "exited \(exitCode)" }
        if let signal { return "killed by \(signal)\(coreDumped ? " (core)" : "")" }
        return "status \(status)"
    }
}

/// Waits for `pid` with a deadline; a process still running then is killed and the test fails.
func waitForExit(_ pid: pid_t, timeout: Double = 5) throws -> Ended {
    let deadline = now() + timeout
    while true {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return Ended(status: status) }
        if result == -1 && errno != EINTR { throw HelperFailure("waitpid \(pid): \(errno)") }
        if now() > deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw HelperFailure("process \(pid) still running after \(timeout) s")
        }
        usleep(2_000)
    }
}

/// Waits until `path` exists.
func waitForFile(_ path: String, timeout: Double = 5) throws {
    let deadline = now() + timeout
    while access(path, F_OK) != 0 {
        if now() > deadline { throw HelperFailure("\(path) did not appear within \(timeout) s") }
        usleep(2_000)
    }
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func readBytes(_ path: String) throws -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw HelperFailure("open \(path): \(errno)") }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(descriptor, &buffer, buffer.count)
        if count > 0 { result += buffer[..<count]; continue }
        if count == -1 && errno == EINTR { continue }
        return result
    }
}

func readText(_ path: String) throws -> String {
    String(decoding: try readBytes(path), as: UTF8.self)
}

func writeFile(_ path: String, _ text: String, mode: mode_t) throws {
    // Close-on-exec: a child spawned by a test running in parallel must not inherit this descriptor
    // while the file is open for writing, or exec of the file fails with ETXTBSY (a flaky "exit 126").
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw HelperFailure("create \(path): \(errno)") }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    guard bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
        throw HelperFailure("write \(path): \(errno)")
    }
    fchmod(descriptor, mode)  // umask may have removed bits
}

/// A python child that blocks one signal, says it is ready, then records every instance of it
/// (signo, si_code, si_pid per line) until 250 ms pass without another, and finally exits with the
/// given code or, with "raise", kills itself with that signal.
///
/// Blocking and taking the signal with sigtimedwait tells a forwarded signal (SI_USER from the probe)
/// from a terminal's (SI_KERNEL), and counts each delivery.
let signalRecorder = """
import os, signal, sys, time
name, out, ready, after = sys.argv[1:5]
sig = getattr(signal, "SIG" + name)
signal.pthread_sigmask(signal.SIG_BLOCK, [sig])
open(ready, "w").close()
seen = []
limit = time.monotonic() + 4.0
while True:
    left = limit - time.monotonic()
    if left <= 0:
        break
    info = signal.sigtimedwait([sig], left)
    if info is not None:
        seen.append("%d %d %d\\n" % (info.si_signo, info.si_code, info.si_pid))
        limit = time.monotonic() + 0.25
with open(out, "w") as f:
    f.write("".join(seen))
if after == "raise":
    signal.signal(sig, signal.SIG_DFL)
    os.kill(os.getpid(), sig)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
    time.sleep(2)
    sys.exit(99)
sys.exit(int(after))
"""

/// One recorded signal: number, si_code and sender.
struct Recorded: Equatable, CustomStringConvertible {
    let signal: Int32
    let code: Int32
    let sender: pid_t
    var description: String { "signal \(signal) code \(code) from \(sender)" }
}

func recordedSignals(_ path: String) throws -> [Recorded] {
    try readText(path).split(separator: "\n").map { line in
        let fields = line.split(separator: " ").compactMap { Int32($0) }
        guard fields.count == 3 else { throw HelperFailure("bad record line: \(line)") }
        return Recorded(signal: fields[0], code: fields[1], sender: fields[2])
    }
}
