import Glibc

/// Asking a person before something irreversible, and refusing when no person can answer.
enum Confirmation {
    /// Whether someone can be asked: stdin is a terminal and `/dev/tty` opens.
    static var interactive: Bool { isatty(0) == 1 && TTY.available }

    /// Asks `question` on the terminal; true only when the answer is exactly `expected`.
    static func ask(_ question: String, expected: String) -> Bool {
        guard let tty = try? TTY.open() else { return false }
        defer { tty.close() }
        tty.write(question)
        return tty.readLine() == expected
    }
}
