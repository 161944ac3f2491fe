import Glibc
import LWSystem

/// One transient status line on a terminal while lwexec waits on AWS: what it waits for (a slow
/// answer, throttling and the retry to come), shown after `delayMs` and erased when the wait ends.
///
/// Only when stderr is a terminal and neither `-q` nor `-v` is on (`-v` says it all in full lines):
/// nothing reaches a pipe, a log file or a CI job. Driven from one thread, like the retry driver.
public final class ProgressLine {
    /// How long a wait lasts before it is shown.
    public static let delayMs = 2_000

    let enabled: Bool
    private var shown = false

    public init(log: Logger, stderrIsTerminal: Bool = isatty(2) == 1) {
        enabled = stderrIsTerminal && !log.quiet && !log.verbose
    }

    /// Carriage return and erase-to-end-of-line: the line is rewritten in place.
    static let eraseLine: [UInt8] = Array("\r\u{1b}[K".utf8)

    /// Replaces the line with `text` (no newline; its control characters shown escaped).
    public func show(_ text: String) {
        guard enabled else { return }
        FileDescriptorIO.writeAll(2, Self.eraseLine + Logger.escapingControls(Array(("lwexec: " + text).utf8)))
        shown = true
    }

    /// Erases the line, if one is shown.
    public func clear() {
        guard shown else { return }
        FileDescriptorIO.writeAll(2, Self.eraseLine)
        shown = false
    }
}
