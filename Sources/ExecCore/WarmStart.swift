import AWSConfig
import Glibc
import KeyringCache
import Launcher
import SecretResolution

/// The `lwexec` executable: serves a warm `lwexec [exec] --cache PREFIX... -- CMD` from the
/// keyring, and hands every other run to lwexec-core unchanged.
///
/// It is linked statically (no dynamic loader, no swift-argument-parser, libcurl or libcrypto) because
/// a warm start should cost about one process start; see docs/ARCHITECTURE.md. It prints nothing
/// and changes nothing before a hand-off, so lwexec-core sees the run exactly as the user typed it.
package enum WarmStart {
    package static func main() -> Never {
        ProcessHardening.apply()  // before any secret is read
        if let o = FastPath.parse(Array(CommandLine.arguments.dropFirst()), subcommands: FastPath.subcommands) {
            let env = ProcessEnvironment.current()
            if let (lookup, resolution) = servable(o, env: env) {
                let log = Logger(verbose: o.verbose, quiet: o.quiet)
                log.debug(lookup.hitMessage(at: Clock.epochSeconds()))
                ExecLaunch.start(o, resolution: resolution, env: env, log: log)
            }
        }
        Handoff.exec()
    }

    /// The cached resolution when this run can be served without the network: caching on, the command
    /// found, region and identity known from configuration, and a fresh entry. nil hands the run on.
    ///
    /// Without `HOME` the AWS files would be found through the password database, which a static
    /// program can only read by loading NSS modules (a second libc): such runs go to lwexec-core too.
    /// `keyring` is the keyring's name under the user keyring (tests use their own).
    static func servable(_ o: ExecOptions, env: ProcessEnvironment,
                         keyring: String = Keyring.name) -> (CacheLookup, Resolution)? {
        let settings = CacheSettings(o, env: env)
        guard settings.enabled, o.supervision.watchSeconds == nil, env["HOME"] != nil,
              case .success = Launcher.resolve(o.command[0], searchPath: env.value("PATH")),
              let setup = try? AWSSetup(o.aws, env: env, regionFallback: nil),
              let lookup = CacheLookup(o, setup: setup, log: Logger(verbose: false, quiet: true), keyring: keyring)
        else { return nil }
        return lookup.fresh(at: Clock.epochSeconds(), ttl: settings.ttl).map { (lookup, $0) }
    }
}
