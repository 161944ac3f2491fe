import ExecCore
import ArgumentParser
import Glibc
import Launcher

/// `exec`'s options for long-running use: container entrypoint, rotation, masked output.
struct SupervisionFlags: ParsableArguments {
    @Flag(help: "Adopt and reap orphaned descendants; when the command exits, send the rest SIGTERM (SIGKILL after --kill-timeout). Implied when lwexec is PID 1.")
    var subreaper = false

    @Flag(help: "Replace every secret value (6 or more characters) in the command's stdout and stderr with *****.")
    var mask = false

    @Option(help: ArgumentHelp("Poll for rotated secrets this often (e.g. 30s, 5m) and restart the command when a value changes.",
                               valueName: "duration"))
    var watch: String?

    @Option(name: .customLong("on-change"), help: ArgumentHelp(
        "With --watch: restart (default), or signal:NAME to send NAME (e.g. signal:HUP) to a command that reloads by itself.",
        valueName: "action"))
    var onChange: String?

    @Option(name: .customLong("kill-signal"), help: ArgumentHelp("With --watch: the signal that stops the command for a restart (default TERM).",
                                                                 valueName: "signal"))
    var killSignal: String?

    @Option(name: .customLong("kill-timeout"), help: ArgumentHelp(
        "How long a stopping command (or, with --subreaper, what it leaves behind) gets before SIGKILL (default 10s).",
        valueName: "duration"))
    var killTimeout: String?

    func validate() throws {
        if let w = watch, parseDuration(w) == nil { throw ValidationError("--watch takes a duration such as 30s or 5m (got \(w))") }
        if let c = onChange {
            guard SupervisionSettings.parseOnChange(c) != nil else {
                throw ValidationError("--on-change takes restart or signal:NAME, e.g. signal:HUP (got \(c))")
            }
            if watch == nil { throw ValidationError("--on-change needs --watch") }
        }
        if let s = killSignal {
            guard let n = signalNumber(s), n != SIGSTOP else { throw ValidationError("--kill-signal takes a signal name or number, e.g. TERM or INT (got \(s))") }
            if watch == nil { throw ValidationError("--kill-signal needs --watch") }
        }
        if let t = killTimeout, parseDuration(t, allowZero: true) == nil {
            throw ValidationError("--kill-timeout takes a duration such as 10s or 1m, or 0 (got \(t))")
        }
    }

    func apply(to o: inout ExecOptions) {
        var s = SupervisionSettings()
        s.subreaper = subreaper
        s.mask = mask
        s.watchSeconds = watch.flatMap { parseDuration($0) }
        s.onChange = onChange.flatMap(SupervisionSettings.parseOnChange) ?? .restart
        if let k = killSignal.flatMap(signalNumber) { s.killSignal = k }
        if let t = killTimeout.flatMap({ parseDuration($0, allowZero: true) }) { s.killTimeoutSeconds = t }
        o.supervision = s
    }
}

/// A signal number from a name such as TERM, SIGTERM or 15.
func signalNumber(_ text: String) -> Int32? { SignalNames.number(text) }
