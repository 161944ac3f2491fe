import CSupervision
import Glibc
import OutputMask

/// The child's stdout and stderr when `--mask` routes them through lwexec: a pty where lwexec's own
/// stream is a terminal (so the child still sees a terminal: colours, line buffering, window size), a
/// pipe otherwise. stdin is never touched.
///
/// With a pty the child gets its own session (POSIX_SPAWN_SETSID) and the pty as controlling terminal:
/// a session leader without one acquires the first terminal it opens, and posix_spawn runs setsid
/// before the file actions, so opening the slave by path in a file action does it — no helper process.
/// The slave takes lwexec's terminal settings with output post-processing off: lwexec's own terminal
/// applies it (e.g. "\n" -> "\r\n") once when the bytes are written there, and a value containing "\n"
/// still matches byte for byte.
struct ChildIO {
    var actions = posix_spawn_file_actions_t()
    /// The child starts a new session (pty case).
    var setsid = false
    /// The pty's master side, kept for window-size changes; -1 without a pty.
    var ptyMaster: Int32 = -1
    var pumps: [OutputPump] = []
    /// Descriptors that belong to the child only, closed in lwexec once it is spawned.
    var childEnds: [Int32] = []

    /// Sets up the streams for one child. Throws a message when a pty or pipe cannot be made.
    static func masked(values: [[UInt8]]) throws(SetupError) -> ChildIO {
        var io = ChildIO()
        posix_spawn_file_actions_init(&io.actions)
        let ttys = [Int32(1), 2].filter { isatty($0) == 1 }
        if let first = ttys.first {
            let (master, slavePath, slave) = try openPty(like: first)
            io.ptyMaster = master
            io.setsid = true
            io.childEnds.append(slave)
            posix_spawn_file_actions_addopen(&io.actions, first, slavePath, O_RDWR, 0)
            for other in ttys.dropFirst() { posix_spawn_file_actions_adddup2(&io.actions, first, other) }
            io.pumps.append(OutputPump(source: master, destination: first, filter: MaskFilter(values: values)))
        }
        for fd: Int32 in [1, 2] where !ttys.contains(fd) {
            var ends: [Int32] = [-1, -1]
            guard lw_pipe2(&ends, O_CLOEXEC) == 0 else { throw SetupError("cannot create a pipe: \(errorText(errno))") }
            _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
            posix_spawn_file_actions_adddup2(&io.actions, ends[1], fd)
            io.childEnds.append(ends[1])
            io.pumps.append(OutputPump(source: ends[0], destination: fd, filter: MaskFilter(values: values)))
        }
        return io
    }

    /// Called after the spawn: drops lwexec's copies of the child's ends, so that end of file means the
    /// child (and whatever it passed them on to) is done.
    mutating func closeChildEnds() {
        childEnds.forEach { close($0) }
        childEnds = []
        posix_spawn_file_actions_destroy(&actions)
    }

    struct SetupError: Error { let message: String; init(_ m: String) { message = m } }

    /// A new pty whose slave has the settings and size of terminal `like`, output processing off.
    /// Returns the master (non-blocking, close-on-exec), the slave's path, and an open slave descriptor
    /// that keeps the settings alive until the child has opened it.
    static func openPty(like terminal: Int32) throws(SetupError) -> (Int32, String, Int32) {
        let master = lw_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, lw_grantpt(master) == 0, lw_unlockpt(master) == 0 else {
            throw SetupError("cannot open a pseudo-terminal for --mask: \(errorText(errno))")
        }
        var name = [CChar](repeating: 0, count: 128)
        guard lw_ptsname_r(master, &name, name.count) == 0 else {
            throw SetupError("cannot name the pseudo-terminal: \(errorText(errno))")
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw SetupError("cannot open \(path): \(errorText(errno))") }
        var settings = termios()
        if tcgetattr(terminal, &settings) == 0 || tcgetattr(0, &settings) == 0 {
            settings.c_oflag &= ~tcflag_t(OPOST)
            tcsetattr(slave, TCSANOW, &settings)
        }
        copyWindowSize(from: terminal, to: master)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        return (master, path, slave)
    }

    /// Copies a terminal's size to a pty; the kernel sends SIGWINCH to the pty's foreground group if
    /// it changed.
    static func copyWindowSize(from terminal: Int32, to master: Int32) {
        var size = winsize()
        for fd in [terminal, 0, 1, 2] where ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 {
            _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            return
        }
    }
}
