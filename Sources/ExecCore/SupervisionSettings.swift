import Glibc
import Launcher

/// `exec`'s supervision options as plain data (`--subreaper`, `--mask`, `--watch` and its companions).
///
/// The fast path does not parse these (it declines any flag it does not know), so only the full parser
/// produces non-default values; the defaults are the plain launcher.
public struct SupervisionSettings: Equatable, Sendable {
    /// What `--watch` does when a value changed.
    public enum OnChange: Equatable, Sendable {
        /// Stop the command (kill signal, then SIGKILL after the timeout) and start it again.
        case restart
        /// Send the command this signal; it reloads its configuration by itself.
        case signal(Int32)
    }

    public var subreaper = false
    public var mask = false
    /// Seconds between polls for rotated secrets; nil: no watching.
    public var watchSeconds: Int?
    public var onChange = OnChange.restart
    public var killSignal: Int32 = SIGTERM
    public var killTimeoutSeconds = 10

    public init() {}

    /// Parses `restart` or `signal:NAME` (NAME as in kill: HUP, SIGHUP, 1).
    package static func parseOnChange(_ text: String) -> OnChange? {
        if text == "restart" { return .restart }
        guard text.hasPrefix("signal:"), let n = SignalNames.number(String(text.dropFirst(7))) else { return nil }
        return .signal(n)
    }
}
