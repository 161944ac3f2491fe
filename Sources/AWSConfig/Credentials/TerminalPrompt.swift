import Glibc

/// Reads an MFA code from the terminal (/dev/tty), so it works even when stdin is a pipe.
public enum TerminalPrompt {
    /// Prompts "MFA code for <serial>: " on /dev/tty and reads one line; a clear error without a terminal.
    @Sendable public static func mfaCode(_ serial: String) throws(AWSError) -> String {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw AWSError(.configuration, "profile needs an MFA code for \(serial), but there is no terminal to ask on",
                           hint: "run lwexec in a terminal, or use credentials that do not need MFA (e.g. export a session from `aws sts get-session-token`)")
        }
        defer { close(fd) }
        let prompt = Array("Enter MFA code for \(serial): ".utf8)
        FileDescriptorIO.writeAll(fd, prompt)
        let line = FileDescriptorIO.readLine(fd) ?? []
        let code = String(decoding: line, as: UTF8.self).trimmingWhitespace()
        guard !code.isEmpty else {
            throw AWSError(.configuration, "no MFA code was entered for \(serial)", hint: "enter the 6-digit code from your MFA device")
        }
        return code
    }
}
