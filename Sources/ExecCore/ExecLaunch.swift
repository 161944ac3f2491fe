import AWSConfig
import Glibc
import Launcher
import SecretResolution

/// Builds the command's environment and hands it to the launcher with the supervision `exec` was
/// asked for. Shared by lwexec-core and the warm-start launcher, so both start a command the same way.
package enum ExecLaunch {
    package static func start(_ o: ExecOptions, resolution: Resolution, env: ProcessEnvironment, log: Logger,
                              watch: (any SupervisionWatch)? = nil) -> Never {
        // Also here, for what the cache served: a rewritten entry must not set BASH_ENV either.
        do {
            try HijackGuard.check(resolution, allowed: o.allowVariables)
        } catch {
            error.exitLwexec()
        }
        let (childEnv, notices) = EnvironmentBuilder.build(inherited: env.raw, resolution: resolution, mode: o.environmentMode)
        do {
            try RequiredVariables.check(o, environment: childEnv)
        } catch {
            error.exitLwexec()
        }
        for n in notices { log.notice(n) }
        let spec = LaunchSpec(arguments: RawArguments.command(o.command), environment: childEnv, searchPath: env.value("PATH"))
        let s = o.supervision
        if s == SupervisionSettings() && watch == nil { Launcher.runAndExit(spec) }
        var options = SupervisionOptions()
        options.subreaper = s.subreaper
        options.killSignal = s.killSignal
        options.killTimeoutMs = s.killTimeoutSeconds * 1000
        if s.mask { options.maskValues = MaskValues.of(resolution) }
        options.watch = watch
        Launcher.runAndExit(spec, options: options)
    }
}

/// What `--mask` hides: every resolved value of 6 characters or more, and each such line of a
/// multi-line value (a certificate or key printed line by line).
package enum MaskValues {
    package static let minimumCharacters = 6

    package static func of(_ resolution: Resolution) -> [[UInt8]] {
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
