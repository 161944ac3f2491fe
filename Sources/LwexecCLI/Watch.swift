import ExecCore
import AWSClient
import Glibc
import KeyringCache
import Launcher
import SecretResolution
import SecretsManager

/// `--watch`: polls Secrets Manager for rotated secrets and tells the supervisor when the command's
/// environment changed.
///
/// A poll is cheap metadata: one `ListSecrets` listing per prefix (its pages carry each secret's
/// `SecretVersionsToStages`) and one `DescribeSecret` per `--secret`. Only when an `AWSCURRENT` version
/// moved (or a secret appeared or went) are the values fetched again, and only when the resolved
/// variables differ is the command restarted — a rotation that kept the value restarts nothing.
/// Polls are spread by ±10% jitter and back off (doubling, up to 8×) while throttled; a failed poll
/// leaves the command running and is reported once per run of failures.
///
/// A watch runs for days: nothing of one poll is kept for the next but the versions seen and the
/// temporary credentials (in memory, or in the keyring with `--cache`, reused only while more than
/// five minutes from their expiry). Each poll resolves credentials through the chain, builds its
/// client and gets its own deadline (`--timeout` from the poll's start), so no poll holds the
/// supervisor's signal handling longer than that.
final class SecretWatcher: SupervisionWatch {
    let options: ExecOptions
    let setup: AWSSetup
    let log: Logger
    let inherited: [(name: [UInt8], value: [UInt8])]
    let intervalMs: Int
    /// Secret name (or id, for `--secret`) -> its `AWSCURRENT` version id.
    var versions: [String: String] = [:]
    var resolution = Resolution(variables: [], notices: [])
    var throttledPolls = 0
    var failing = false
    /// Temporary credentials between polls.
    let credentialCache: any CredentialCacheStore

    /// Takes the baseline versions; call before resolving, so a rotation in between is seen as a change.
    init(_ o: ExecOptions, env: ProcessEnvironment, log: Logger) throws {
        options = o
        setup = try AWSSetup(o.aws, env: env, regionFallback: IMDSRegion.fallback)
        self.log = log
        inherited = env.raw
        intervalMs = (o.supervision.watchSeconds ?? 60) * 1000
        credentialCache = CacheSettings(o, env: env).enabled ? KeyringCredentialCache(log: log) : MemoryCredentialCache()
        versions = try currentVersions(using: try client(by: .after(seconds: setup.options.timeoutSeconds)))
    }

    func millisecondsToNextPoll() -> Int {
        let base = intervalMs << min(throttledPolls, 3)
        let spread = max(1, base / 10)
        return max(100, base + Int.random(in: -spread...spread))
    }

    func poll() -> SupervisionChange? {
        do {
            // One client per poll: credentials through the chain (and the cache), the poll's own deadline.
            let sm = try client(by: .after(seconds: setup.options.timeoutSeconds))
            let now = try currentVersions(using: sm)
            throttledPolls = 0
            if failing { log.notice("--watch: polling works again"); failing = false }
            let changed = Set(now.keys).union(versions.keys).filter { now[$0] != versions[$0] }.sorted()
            guard !changed.isEmpty else { return nil }
            let fresh = try SecretPipeline.fetch(options, client: sm, log: log, started: Clock.monotonicMs())
            versions = now
            guard fresh.variables != resolution.variables else {
                log.debug("--watch: \(changed.joined(separator: ", ")) changed version, but the environment is the same")
                return nil
            }
            resolution = fresh
            return change(naming: changed)
        } catch {
            if let e = error as? AWSError, RetryPolicy.isThrottling(e) { throttledPolls += 1 }
            if !failing {
                log.notice("warning: --watch poll failed, the command keeps running: \("\(error)")")
                failing = true
            }
            return nil
        }
    }

    /// The restart (or signal) with its one log line: which secrets changed, never their values.
    func change(naming changed: [String]) -> SupervisionChange {
        let names = changed.count <= 5 ? changed.joined(separator: ", ")
            : changed.prefix(5).joined(separator: ", ") + " and \(changed.count - 5) more"
        let command = options.command[0]
        let s = options.supervision
        switch s.onChange {
        case .signal(let signal):
            return SupervisionChange(action: .signal(signal),
                                     message: "lwexec: rotated: \(names); sending \(SignalNames.name(signal)) to \(command)")
        case .restart:
            let (environment, _) = EnvironmentBuilder.build(inherited: inherited, resolution: resolution,
                                                           mode: options.environmentMode)
            return SupervisionChange(
                action: .restart(environment: environment, maskValues: s.mask ? MaskValues.of(resolution) : nil),
                message: "lwexec: rotated: \(names); restarting \(command) "
                    + "(\(SignalNames.name(s.killSignal)), SIGKILL after \(s.killTimeoutSeconds) s)")
        }
    }

    /// `AWSCURRENT` versions of everything under the prefixes, and of each `--secret`.
    /// A client for one poll, with its own deadline.
    func client(by deadline: Deadline) throws -> SecretsManagerClient {
        SecretsManagerClient(client: try setup.session(log: log, credentialCache: credentialCache, purpose: .launch,
                                                       deadline: deadline).client)
    }

    func currentVersions(using sm: SecretsManagerClient) throws -> [String: String] {
        var map: [String: String] = [:]
        for prefix in options.resolutionRequest.normalizedPrefixes {
            let filter = PrefixMatching.serviceFilter(for: prefix)
            for entry in try sm.listSecrets(namePrefix: filter) where PrefixMatching.relativeName(entry.name, under: prefix) != nil {
                map[entry.name] = Self.current(entry.versionsToStages)
            }
        }
        for ref in options.secrets {
            map[ref.name] = try sm.describeSecret(id: ref.name).map { Self.current($0.versionsToStages) } ?? "(absent)"
        }
        return map
    }

    static func current(_ versionsToStages: [String: [String]]) -> String {
        versionsToStages.first { $0.value.contains("AWSCURRENT") }?.key ?? ""
    }
}
