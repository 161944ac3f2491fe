import ExecCore
import AWSClient
import AWSHTTP
import KeyringCache
import SecretsManager

/// Secret names for shell completion: from the keyring when listed in the last minute, else
/// from one `ListSecrets` walk under the typed parent path, bounded by a short deadline.
///
/// Never throws and never prompts: without credentials, network or permission it has no names.
struct CompletionNameSource {
    let line: CompletionLine
    let env: ProcessEnvironment
    /// Milliseconds the listing may take (`LWEXEC_COMPLETION_TIMEOUT`, default 2 s); 0: cached names only.
    let budgetMs: Int
    let log: Logger

    /// The most `ListSecrets` pages one completion reads (100 names each).
    static let maxPages = 10
    static let defaultBudgetMs = 2_000

    init(line: CompletionLine, env: ProcessEnvironment, log: Logger = Logger(quiet: true)) {
        self.line = line
        // One attempt per call (AWS_MAX_ATTEMPTS=1): someone is waiting at the prompt.
        self.env = ProcessEnvironment(env.ordered.filter { $0.0 != "AWS_MAX_ATTEMPTS" } + [("AWS_MAX_ATTEMPTS", "1")])
        budgetMs = Self.budget(env["LWEXEC_COMPLETION_TIMEOUT"])
        self.log = log
    }

    /// `LWEXEC_COMPLETION_TIMEOUT` in milliseconds: `2s`, `500ms`, `0` (cache only); the default when unset or invalid.
    static func budget(_ text: String?) -> Int {
        guard let text else { return defaultBudgetMs }
        if text.hasSuffix("ms"), let ms = Int(text.dropLast(2)), ms >= 0 { return ms }
        return parseDuration(text, allowZero: true).map { $0 * 1000 } ?? defaultBudgetMs
    }

    /// Whether `name` holds only what Secrets Manager allows in a name (letters, digits, `/_+=.@-`).
    /// Anything else came from a hostile or broken endpoint and is never offered: bash's `compgen -W`
    /// expands `$(...)` in its word list, so such a name would run a command on Tab.
    static func isSecretName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) || "/_+=.@-".utf8.contains(b)
        }
    }

    /// Every secret name under `parent` (all names when it is empty).
    func names(under parent: String) -> [String] {
        let setup: AWSSetup
        do {
            setup = try AWSSetup(line.aws, env: env, regionFallback: IMDSRegion.fallback)
        } catch {
            log.debug("completion: \(error)")
            return []
        }
        let key = setup.cacheIdentity.map {
            NameListKey(identity: $0, region: setup.region, endpoint: setup.endpoint.url.description, parent: parent)
        }
        if let key, let cached = (try? NameListCache.open(create: false)) ?? nil, let names = cached.load(key) {
            log.debug("completion: \(names.count) name(s) under \(parent) from the keyring")
            return names.filter(Self.isSecretName)
        }
        guard budgetMs > 0 else { return [] }
        let (listed, complete) = list(parent, setup: setup)
        let names = listed.filter(Self.isSecretName)
        if complete, let key {
            do {
                try NameListCache.open(create: true)?.store(names, key: key)
            } catch {
                log.debug("completion: names not cached: \(error)")
            }
        }
        return names
    }

    /// One `ListSecrets` page walk filtered by `parent`; `complete` is false when it stopped early.
    func list(_ parent: String, setup: AWSSetup) -> (names: [String], complete: Bool) {
        let deadline = Deadline.after(ms: budgetMs)
        var context = setup.context
        context.deadlineMs = deadline.monotonicMs
        context.log = log
        context.region = setup.region
        context.credentialCache = Self.credentialCache(env: env, log: log)
        context.mfaCode = { serial throws(AWSError) in
            throw AWSError(.configuration, "completion does not ask for an MFA code (\(serial))")
        }
        var names: [String] = []
        do {
            let credentials = try CredentialChain.resolve(context)
            let retry = try RetryPolicy.resolve(context)
            let http = HTTPClient(options: HTTPOptions(connectTimeoutMs: budgetMs, requestTimeoutMs: budgetMs,
                                                       caBundle: context.caBundle))
            let client = AWSJSONClient(service: .secretsManager, targetPrefix: "secretsmanager", endpoint: setup.endpoint,
                                       region: setup.region, credentials: credentials, http: http, retry: retry, log: log,
                                       deadline: deadline)
            var token: String?, pages = 0, walk = PageWalk(operation: "ListSecrets")
            repeat {
                let call = SecretsManagerClient.listSecretsCall(namePrefix: parent.isEmpty ? nil : parent, nextToken: token)
                let page = try SecretsManagerClient.listSecretsPage(try client.call(call.operation, call.input))
                names += page.entries.map(\.name).filter { $0.hasPrefix(parent) }
                token = try walk.next(page.nextToken)
                pages += 1
            } while token != nil && pages < Self.maxPages
            log.debug("completion: \(names.count) name(s) under \(parent) in \(pages) page(s)")
            return (names, token == nil)
        } catch {
            log.debug("completion: \(error)")
            return (names, false)
        }
    }

    /// Temporary credentials from the keyring; stored there too only when caching is on (`LWEXEC_CACHE`).
    static func credentialCache(env: ProcessEnvironment, log: Logger) -> any CredentialCacheStore {
        let cache = KeyringCredentialCache(log: log)
        let enabled = env["LWEXEC_CACHE"].map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? false
        return enabled ? cache : ReadOnlyCredentialCache(inner: cache)
    }
}

/// Reads another cache, never writes to it.
struct ReadOnlyCredentialCache: CredentialCacheStore {
    let inner: any CredentialCacheStore
    func load(key: String) -> Credentials? { inner.load(key: key) }
    func store(_ c: Credentials, key: String) {}
}
