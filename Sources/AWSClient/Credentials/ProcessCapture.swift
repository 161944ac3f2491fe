import Glibc
import LWSystem

/// Runs a program without a shell (`posix_spawnp`) and captures its stdout and stderr, within a deadline.
///
/// Used by `credential_process`; both pipes are drained together so a chatty stderr cannot
/// block the child, and a child still running at the deadline is killed. Spawned like the command
/// (`Spawn.start`): an empty signal mask and default dispositions, even during `--watch`, whose
/// supervisor blocks every signal.
enum ProcessCapture {
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// True when the child was killed at the deadline.
        var timedOut: Bool
    }

    enum Failure: Error { case spawn(Int32) }

    /// Runs `argv` with `environment`; stdin is inherited, stdout and stderr are captured.
    static func run(_ argv: [String], environment: [(name: [UInt8], value: [UInt8])], deadlineMs: Int) throws(Failure) -> Output {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw .spawn(errno) }
        guard pipe(&errPipe) == 0 else { close(outPipe[0]); close(outPipe[1]); throw .spawn(errno) }
        // Close-on-exec: the child gets them only as its stdout and stderr (dup2 clears the flag).
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        let cArgs = argv.map { Spawn.cString(Array($0.utf8)) } + [nil]
        let cEnv = environment.map { Spawn.cString($0.name + [0x3D] + $0.value) } + [nil]
        defer { for p in cArgs + cEnv { free(p) } }
        let started = Spawn.start(path: argv[0], argv: cArgs, envp: cEnv, fileActions: &actions, searchPath: true)
        close(outPipe[1]); close(errPipe[1])
        let pid: pid_t
        switch started {
        case .success(let p): pid = p
        case .failure(let e): close(outPipe[0]); close(errPipe[0]); throw .spawn(e.code)
        }

        var out: [UInt8] = [], err: [UInt8] = [], timedOut = false
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var open = 2
        var buf = [UInt8](repeating: 0, count: 16384)
        while open > 0 {
            let left = deadlineMs - Clock.monotonicMs()
            if left <= 0 { timedOut = true; kill(pid, SIGKILL); break }
            let n = poll(&fds, 2, Int32(min(left, 1000)))
            if n < 0 { if errno == EINTR { continue }; break }
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let r = read(fds[i].fd, &buf, buf.count)
                if r > 0 {
                    if i == 0 { out += buf[0..<r] } else { err += buf[0..<r] }
                } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(fds[i].fd); fds[i].fd = -1; open -= 1
                }
            }
        }
        for f in fds where f.fd >= 0 { close(f.fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Output(status: WaitStatus(status).shellStatus, stdout: out, stderr: err, timedOut: timedOut)
    }
}
