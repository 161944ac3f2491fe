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

    /// Replaces the line with `text` (no newline).
    public func show(_ text: String) {
        guard enabled else { return }
        write("\r\u{1b}[K" + "lwexec: " + text)
        shown = true
    }

    /// Erases the line, if one is shown.
    public func clear() {
        guard shown else { return }
        write("\r\u{1b}[K")
        shown = false
    }

    private func write(_ text: String) {
        var bytes = Logger.escapingControls(Array(text.utf8))
        // The two escapes of our own go out as they are; only the text was escaped.
        if text.hasPrefix("\r\u{1b}[K") { bytes = Array("\r\u{1b}[K".utf8) + Logger.escapingControls(Array(text.utf8.dropFirst(4))) }
        FileDescriptorIO.writeAll(2, bytes)
    }
}
