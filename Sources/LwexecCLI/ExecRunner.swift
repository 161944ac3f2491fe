import AWSClient
import ExecCore
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
        let searchPath = env.value("PATH")
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
            watcher?.resolution = resolution
            ExecLaunch.start(o, resolution: resolution, env: env, log: log, watch: watcher)
        } catch {
            Failure.exit(error)
        }
    }
}

/// Prefixes and `--secret`s to resolved variables: shared by `exec` and `env`, with the keyring cache.
enum SecretPipeline {
    /// Serves a fresh cache entry, else resolves from AWS (and stores the result); falls back to a
    /// stale entry only when AWS cannot be reached. Throws before anything partial escapes, and for a
    /// variable the hijack guard refuses, whichever of the three the resolution came from.
    static func resolve(_ o: ExecOptions, env: ProcessEnvironment, log: Logger) throws -> Resolution {
        let resolution = try cachedOrFetched(o, env: env, log: log)
        try HijackGuard.check(resolution, allowed: o.allowVariables)
        return resolution
    }

    private static func cachedOrFetched(_ o: ExecOptions, env: ProcessEnvironment, log: Logger) throws -> Resolution {
        let started = Clock.monotonicMs()
        let setup = try AWSSetup(o.aws, env: env, regionFallback: IMDSRegion.fallback)
        let settings = CacheSettings(o, env: env)
        guard settings.enabled else { return try fetch(o, setup: setup, log: log, started: started) }

        guard let lookup = CacheLookup(o, setup: setup, log: log) else {
            log.debug("cache not used: the identity is only known after a network call")
            return try fetch(o, setup: setup, log: log, started: started, credentialCache: KeyringCredentialCache(log: log))
        }
        let now = Clock.epochSeconds()
        if let resolution = lookup.fresh(at: now, ttl: settings.ttl) {
            log.debug(lookup.hitMessage(at: now))
            return resolution
        }
        let (key, description, cached) = (lookup.key, lookup.description, lookup.entry)

        let resolution: Resolution
        do {
            resolution = try fetch(o, setup: setup, log: log, started: started, credentialCache: KeyringCredentialCache(log: log))
        } catch {
            // Unreachable, or throttled/5xx past the retry budget (also while finding credentials).
            let unavailable = (error as? ResolutionError)?.unavailable ?? (error as? AWSError).map(RetryPolicy.isRetryable) ?? false
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
        } catch let error as CacheStoreError {
            log.debug("\(error)")  // "not cached: the entry is N bytes, over ..." or "cache not used: ..."
        } catch {
            log.debug("cache not used: \(error)")
        }
        return resolution
    }

    /// Resolves from AWS with the launch retry policy, by `deadline` (default: `--timeout` from now).
    static func fetch(_ o: ExecOptions, setup: AWSSetup, log: Logger, started: Int,
                      credentialCache: (any CredentialCacheStore)? = nil, deadline: Deadline? = nil) throws -> Resolution {
        let aws = try setup.session(log: log, credentialCache: credentialCache, purpose: .launch, deadline: deadline)
        return try fetch(o, client: SecretsManagerClient(client: aws.client), log: log, started: started)
    }

    /// Resolves from AWS through a client already made (a `--watch` poll's).
    static func fetch(_ o: ExecOptions, client: SecretsManagerClient, log: Logger, started: Int) throws -> Resolution {
        let store = SecretsManagerStore(client: client, log: log)
        let resolution = try Resolver(request: o.resolutionRequest).resolve(using: store)
        for v in resolution.variables { log.debug("\(v.name) <- \(v.secret)") }
        log.debug("\(resolution.variables.count) variable(s) in \(Clock.monotonicMs() - started) ms, \(client.client.roundTrips) round trip(s)")
        return resolution
    }

    static func age(_ seconds: Int) -> String {
        seconds < 120 ? "\(seconds) s" : seconds < 7200 ? "\(seconds / 60) min" : "\(seconds / 3600) h"
    }
}
