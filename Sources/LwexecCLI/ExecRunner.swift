import AWSCore
import Glibc
import KeyringCache
import Launcher
import SecretResolution
import SecretsManager

/// The path of one `lwexec PREFIX -- cmd`: find the command, resolve, launch.
enum ExecRunner {
    static func run(_ o: ExecOptions) -> Never {
        let env = ProcessEnvironment.current()
        let log = Logger(verbose: o.verbose, quiet: o.quiet)
        // The command is looked up first: a typo costs no AWS call, and nothing runs half-configured.
        let searchPath = env.variables["PATH"]
        if case .failure(let e) = Launcher.resolve(o.command[0], searchPath: searchPath) {
            Logger.write(e.message)
            Glibc.exit(e.exitCode)
        }
        do {
            // --watch takes its baseline versions first (and skips the cache): a rotation from here on is seen.
            let watcher = try o.supervision.watchSeconds.map { _ in try SecretWatcher(o, env: env, log: log) }
            var o = o
            if watcher != nil { o.cache = false }
            let resolution = try SecretPipeline.resolve(o, env: env, log: log)
            let (childEnv, notices) = EnvironmentBuilder.build(inherited: env.ordered, resolution: resolution, mode: o.environmentMode)
            for n in notices { log.notice(n) }
            let spec = LaunchSpec(arguments: o.command, environment: childEnv, searchPath: searchPath)
            if o.supervision == SupervisionSettings() { Launcher.runAndExit(spec) }
            Supervise.launch(o, spec: spec, resolution: resolution, watcher: watcher)
        } catch {
            Failure.exit(error)
        }
    }
}

/// Prefixes and `--secret`s to resolved variables: shared by `exec` and `env`, with the keyring cache.
enum SecretPipeline {
    /// Serves a fresh cache entry, else resolves from AWS (and stores the result); falls back to a
    /// stale entry only when AWS cannot be reached. Throws before anything partial escapes.
    static func resolve(_ o: ExecOptions, env: ProcessEnvironment, log: Logger) throws -> Resolution {
        let started = Clock.monotonicMs()
        let setup = try AWSSetup(o.aws, env: env)
        let settings = CacheSettings(o, env: env)
        guard settings.enabled else { return try fetch(o, setup: setup, log: log, started: started) }

        guard let identity = setup.cacheIdentity else {
            log.debug("cache not used: the identity is only known after a network call")
            return try fetch(o, setup: setup, log: log, started: started, credentialCache: KeyringCredentialCache(log: log))
        }
        let key = CacheKey(identity: identity, region: setup.region, endpoint: setup.endpoint.url.description,
                           prefixes: o.resolutionRequest.normalizedPrefixes, secrets: o.secrets.map(\.description),
                           recursive: o.recursive, expandJSON: o.expandJSON, envPrefix: o.envPrefix, allowEmpty: o.allowEmpty)
        let description = key.description
        let now = Clock.epochSeconds()
        var cached: CacheEntry?
        do {
            cached = try ResolutionCache.open(create: false)?.load(description)
        } catch {
            log.debug("cache not used: \(error)")
        }
        // A shorter --cache-ttl than the entry was stored with still applies.
        if let entry = cached, entry.isFresh(at: now), now - entry.created < settings.ttl {
            log.debug("cache hit \(description) (\(now - entry.created) s old): \(entry.resolution.variables.count) variable(s)")
            return entry.resolution
        }

        let resolution: Resolution
        do {
            resolution = try fetch(o, setup: setup, log: log, started: started, credentialCache: KeyringCredentialCache(log: log))
        } catch {
            // Unreachable, or throttled/5xx past the retry budget (also while finding credentials).
            let unavailable = (error as? ResolutionError)?.unavailable ?? (error as? AWSError).map(RetryPolicy().isRetryable) ?? false
            guard unavailable, let entry = cached, entry.isUsableStale(at: now),
                  now - entry.created < settings.ttl + settings.staleIfError else { throw error }
            log.notice("warning: \("\(error)"); using cached values from \(Self.age(now - entry.created)) ago (--stale-if-error)")
            return entry.resolution
        }

        let entry = CacheEntry(created: now, ttl: settings.ttl, staleIfError: settings.staleIfError, identityHash: key.identityHash,
                               prefixes: key.prefixes, secrets: key.secrets, resolution: resolution)
        do {
            try ResolutionCache.open(create: true)?.store(entry, key: description)
            log.debug("cached as \(description) for \(settings.ttl) s")
        } catch {
            log.debug("cache not used: \(error)")
        }
        return resolution
    }

    /// Resolves from AWS.
    static func fetch(_ o: ExecOptions, setup: AWSSetup, log: Logger, started: Int,
                      credentialCache: (any CredentialCacheStore)? = nil) throws -> Resolution {
        let aws = try setup.session(log: log, credentialCache: credentialCache)
        let store = SecretsManagerStore(client: SecretsManagerClient(client: aws.client), log: log)
        let resolution = try Resolver(request: o.resolutionRequest).resolve(using: store)
        for v in resolution.variables { log.debug("\(v.name) <- \(v.secret)") }
        log.debug("\(resolution.variables.count) variable(s) in \(Clock.monotonicMs() - started) ms, \(aws.client.roundTrips) round trip(s)")
        return resolution
    }

    static func age(_ seconds: Int) -> String {
        seconds < 120 ? "\(seconds) s" : seconds < 7200 ? "\(seconds / 60) min" : "\(seconds / 3600) h"
    }
}
