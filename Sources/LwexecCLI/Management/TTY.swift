import Glibc
import LWSystem

/// The controlling terminal (`/dev/tty`), for prompts that must not go through stdin/stdout.
///
/// Hidden input turns `ECHO` off with termios and restores it afterwards — also when a signal
/// (Ctrl-C, a hang-up) ends lwexec mid-prompt, so the shell is not left without echo.
struct TTY {
    let fd: Int32

    static func open() throws(CommandFailure) -> TTY {
        let fd = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw CommandFailure("no terminal to prompt on", hint: "pipe the value in on stdin instead") }
        return TTY(fd: fd)
    }

    /// Whether a controlling terminal can be opened.
    static var available: Bool {
        let fd = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        if fd >= 0 { Glibc.close(fd) }
        return fd >= 0
    }

    func close() { Glibc.close(fd) }

    func write(_ s: String) {
        FileDescriptorIO.writeAll(fd, s)
    }

    /// One line typed by the user, without its newline; nil at end of input.
    func readLine() -> String? {
        FileDescriptorIO.readLine(fd).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A line read with echo off after `prompt`.
    func readHidden(prompt: String) throws(CommandFailure) -> String {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw CommandFailure("cannot read the terminal settings") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        TTYRestore.arm(fd: fd, settings: saved)
        defer { TTYRestore.disarm() }
        // Echo goes off before the prompt shows, so nothing typed after it can be echoed or flushed.
        tcsetattr(fd, TCSAFLUSH, &quiet)
        write(prompt)
        let line = readLine()
        tcsetattr(fd, TCSAFLUSH, &saved)
        write("\n")
        guard let line else { throw CommandFailure("no value entered") }
        return line
    }
}

/// Restores the terminal's settings if a signal ends lwexec while echo is off.
///
/// The one mutable global lwexec keeps, and why it must be one: a C signal handler can reach nothing
/// else. It is written (`arm`, `disarm`) only while the handlers are not installed or with the
/// terminal's settings already saved, on the main thread, and read only by the handler.
enum TTYRestore {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var settings = termios()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP]

    static func arm(fd: Int32, settings: termios) {
        Self.fd = fd
        Self.settings = settings
        for s in signals { signal(s, handler) }
    }

    static func disarm() {
        for s in signals { signal(s, SIG_DFL) }
        fd = -1
    }

    /// Restores echo, then dies of the same signal with its default action.
    static let handler: @convention(c) (Int32) -> Void = { sig in
        if TTYRestore.fd >= 0 {
            var s = TTYRestore.settings
            tcsetattr(TTYRestore.fd, TCSANOW, &s)
            _ = Glibc.write(TTYRestore.fd, "\n", 1)
        }
        signal(sig, SIG_DFL)
        raise(sig)
    }
}
