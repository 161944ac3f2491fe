import AWSCore
import Glibc
import Launcher
import SecretResolution

/// Hands the resolved command to the launcher with the supervision `exec` was asked for.
enum Supervise {
    static func launch(_ o: ExecOptions, spec: LaunchSpec, resolution: Resolution, watcher: SecretWatcher?) -> Never {
        let s = o.supervision
        var options = SupervisionOptions()
        options.subreaper = s.subreaper
        options.killSignal = s.killSignal
        options.killTimeoutMs = s.killTimeoutSeconds * 1000
        if s.mask { options.maskValues = MaskValues.of(resolution) }
        if let watcher {
            watcher.resolution = resolution
            options.watch = watcher
        }
        Launcher.runAndExit(spec, options: options)
    }
}

/// What `--mask` hides: every resolved value of 6 characters or more, and each such line of a
/// multi-line value (a certificate or key printed line by line).
enum MaskValues {
    static let minimumCharacters = 6

    static func of(_ resolution: Resolution) -> [[UInt8]] {
        var out: Set<[UInt8]> = []
        for v in resolution.variables {
            if v.value.count >= minimumCharacters { out.insert(Array(v.value.utf8)) }
            if v.value.contains("\n") {
                for line in v.value.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) where line.count >= minimumCharacters {
                    out.insert(Array(line.utf8))
                }
            }
        }
        return Array(out)
    }
}
