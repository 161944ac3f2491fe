import AWSClient
import Glibc

/// What the output streams are connected to, and whether colour is wanted.
enum Terminal {
    /// Whether `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only for a person: stdout is a terminal, `NO_COLOR` is unset or empty (no-color.org), `TERM` is not `dumb`.
    static func colorEnabled(_ env: ProcessEnvironment) -> Bool {
        if let v = env.value("NO_COLOR"), !v.isEmpty { return false }
        if env.value("TERM") == "dumb" { return false }
        return isTerminal(1)
    }
}

/// ANSI styling that turns itself off when colour is not wanted.
struct Style: Sendable {
    var enabled: Bool

    private func wrap(_ code: String, _ s: String) -> String { enabled && !s.isEmpty ? "\u{1b}[\(code)m\(s)\u{1b}[0m" : s }
    func bold(_ s: String) -> String { wrap("1", s) }
    func dim(_ s: String) -> String { wrap("2", s) }
    func red(_ s: String) -> String { wrap("31", s) }
    func green(_ s: String) -> String { wrap("32", s) }
    func yellow(_ s: String) -> String { wrap("33", s) }
}
