import AWSClient
import SecretResolution

/// Fetches from Secrets Manager in few sequential round trips.
///
/// Round 1, all in parallel: per prefix, `BatchGetSecretValue` with a name filter (up to 20
/// values: small prefixes finish here); up to 10 named secrets, one `GetSecretValue` each (the
/// SOP's least-privilege policy allows only that call, and its quota is 100 times the batch
/// call's, which matters when a fleet starts at once); more, `BatchGetSecretValue` per 20.
/// Round 2, for prefixes with more: `ListSecrets` pages of 100 (parallel across prefixes).
/// Round 3: the remaining values, once their names are known, from parallel `GetSecretValue` calls.
///
/// Quota-aware: the service's quotas are per API — `ListSecrets` and `BatchGetSecretValue` 100
/// requests/s each, `GetSecretValue` 10,000 — so a fleet starting at once is limited by the scarce
/// calls. A prefix costs one `BatchGetSecretValue` (which finishes a prefix of up to 20 secrets) and,
/// past 20, one `ListSecrets` page per 100 names; its other values use the abundant quota.
/// (`bench/fleet.py` measures the choice.)
///
/// Never a partial environment: every answer is decoded strictly, a `NextToken` that repeats is an
/// error, and so is a value for a secret that was not asked for or a name that comes twice.
public final class SecretsManagerStore: SecretStore {
    let sm: SecretsManagerClient
    let log: Logger
    /// Parallel `GetSecretValue` calls in flight at once (one round trip each 64 values).
    let getConcurrency = 64
    /// Up to this many `--secret`s are fetched with `GetSecretValue` directly, in round 1.
    static let directGetLimit = 10

    public init(client: SecretsManagerClient, log: Logger) {
        self.sm = client
        self.log = log
    }

    public func fetch(prefixes: [String], names: [String], recursive: Bool) throws(ResolutionError) -> FetchedSecrets {
        var result = FetchedSecrets()
        let uniqueNames = Array(Set(names)).sorted()
        let direct = uniqueNames.count <= Self.directGetLimit ? uniqueNames : []
        let batched = direct.isEmpty ? uniqueNames : []
        let nameChunks = stride(from: 0, to: batched.count, by: SecretsManagerClient.batchLimit).map {
            Array(batched[$0..<min($0 + SecretsManagerClient.batchLimit, batched.count)])
        }

        // Round 1.
        var calls = prefixes.map { SecretsManagerClient.batchGetCall(namePrefix: PrefixMatching.serviceFilter(for: $0), nextToken: nil) }
        calls += nameChunks.map { SecretsManagerClient.batchGetCall(ids: $0) }
        let firstGet = calls.count
        calls += direct.map { SecretsManagerClient.getCall(id: $0) }
        let answers = sm.client.callAll(calls)
        for (k, id) in direct.enumerated() { result.byName[id] = try accept(answers[firstGet + k], id: id) }

        var morePrefixes: [String] = []
        var missingNames: [String] = []
        for (i, prefix) in prefixes.enumerated() {
            switch answers[i] {
            case .success(let json):
                let page = try decode(json)
                // A secret scheduled for deletion is not part of the prefix (ListSecrets leaves it out).
                // An error about a secret this run would not use (outside the path boundary, or deeper
                // without --recursive) does not stop it; one about an ARN, which cannot be placed, does.
                for e in page.errors where e.isScheduledForDeletion {
                    log.debug("\(e.secretID) is scheduled for deletion; leaving it out of \(prefix)")
                }
                try failOnErrors(page.errors.filter { e in
                    if e.isScheduledForDeletion { return false }
                    if e.secretID.hasPrefix("arn:") { return true }
                    guard let rel = PrefixMatching.relativeName(e.secretID, under: prefix) else { return false }
                    return recursive || PrefixMatching.isDirectChild(rel)
                }, context: prefix)
                try checkUnique(page.values.map(\.name), call: "BatchGetSecretValue", subject: "prefix \(prefix)")
                result.byPrefix[prefix] = page.values
                if page.nextToken != nil { morePrefixes.append(prefix) }
            case .failure(let e) where isDenied(e):
                log.debug("BatchGetSecretValue denied for \(prefix); listing names and using GetSecretValue")
                result.byPrefix[prefix] = []
                morePrefixes.append(prefix)
            case .failure(let e) where e.isScheduledForDeletion:
                // The whole batch refused for one secret scheduled for deletion (some endpoints answer so):
                // ListSecrets leaves such secrets out, so the listed names and their values are the prefix.
                log.debug("BatchGetSecretValue refused for \(prefix) (a secret is scheduled for deletion); listing names and using GetSecretValue")
                result.byPrefix[prefix] = []
                morePrefixes.append(prefix)
            case .failure(let e):
                throw describe(e, subject: "prefix \(prefix)")
            }
        }
        for (j, chunk) in nameChunks.enumerated() {
            switch answers[prefixes.count + j] {
            case .success(let json):
                let page = try decode(json)
                for err in page.errors {
                    if err.isScheduledForDeletion { throw Self.scheduledForDeletion(err.secretID) }
                    if err.code == "ResourceNotFoundException" { throw notFound(err.secretID) }
                    throw ResolutionError("cannot read secret \(err.secretID): \(err.code): \(err.message)",
                                          hint: ErrorHints.hint(code: err.code, call: .secretsManager(operation: "GetSecretValue", listing: false),
                                                    subject: err.secretID))
                }
                // Ids may be names or ARNs: match answers back by either; fetch any other alone.
                // A value that answers none of the ids asked for, or a name twice, is a malformed answer.
                try checkUnique(page.values.map(\.name), call: "BatchGetSecretValue", subject: "secrets " + chunk.joined(separator: ", "))
                for v in page.values where !chunk.contains(where: { Self.answers(v, id: $0) }) {
                    throw unasked(v.name, call: "BatchGetSecretValue")
                }
                for id in chunk {
                    if let v = page.values.first(where: { Self.answers($0, id: id) }) { result.byName[id] = v }
                    else { missingNames.append(id) }
                }
            case .failure(let e) where isDenied(e):
                log.debug("BatchGetSecretValue denied; falling back to GetSecretValue for \(chunk.count) secret(s)")
                missingNames += chunk
            case .failure(let e):
                throw describe(e, subject: "secrets " + chunk.joined(separator: ", "))
            }
        }

        // Round 2: the full name list of prefixes that had more than one page.
        var toFetch: [(prefix: String, name: String)] = []
        if !morePrefixes.isEmpty {
            let listed = try listAll(morePrefixes)
            for prefix in morePrefixes {
                let have = Set(result.byPrefix[prefix, default: []].map(\.name))
                for entry in listed[prefix] ?? [] {
                    guard let rel = PrefixMatching.relativeName(entry.name, under: prefix) else { continue }
                    if !recursive && !PrefixMatching.isDirectChild(rel) {
                        result.deeperNames[prefix, default: []].append(entry.name)
                        continue
                    }
                    if !have.contains(entry.name) { toFetch.append((prefix, entry.name)) }
                }
            }
        }

        // Round 3: values not yet in hand, one GetSecretValue each (the abundant quota), keyed by the
        // name or id asked for; ids not matched in round 1 (partial ARNs, denied batches) the same way.
        let listed = try getEach(Array(Set(toFetch.map(\.name))).sorted())
        let named = try getEach(missingNames)
        for (prefix, name) in toFetch {
            // Never a partial environment: a listed secret whose value did not come back is an error.
            guard let v = listed[name] else {
                throw ResolutionError("secret \(name) was listed under \(prefix) but its value did not come back",
                                      hint: "try again; if it persists, read it alone with --secret \(name)", unavailable: true)
            }
            result.byPrefix[prefix, default: []].append(v)
        }
        for name in missingNames { result.byName[name] = named[name] }
        return result
    }

    public func namesForSuggestions(near prefix: String) -> [String] {
        var parent = PrefixMatching.normalize(prefix)
        for _ in 0..<3 {
            if let slash = parent.lastIndex(of: "/") { parent = String(parent[..<slash]) } else { parent = "" }
            let filter = parent.isEmpty ? nil : parent + "/"
            if let names = try? sm.listSecrets(namePrefix: filter, maxPages: 5).map(\.name), !names.isEmpty { return names }
            if parent.isEmpty { break }
        }
        return []
    }

    // MARK: Steps

    /// Lists every name under each prefix, the prefixes in parallel, each following its pages.
    /// A page that cannot be read, a token that repeats, or a name listed twice is an error.
    func listAll(_ prefixes: [String]) throws(ResolutionError) -> [String: [SecretEntry]] {
        var out: [String: [SecretEntry]] = [:]
        var tokens: [String: String?] = Dictionary(uniqueKeysWithValues: prefixes.map { ($0, nil) })
        var walks: [String: PageWalk] = Dictionary(uniqueKeysWithValues: prefixes.map { ($0, PageWalk(operation: "ListSecrets")) })
        while !tokens.isEmpty {
            let batch = tokens.keys.sorted()
            let answers = sm.client.callAll(batch.map {
                SecretsManagerClient.listSecretsCall(namePrefix: PrefixMatching.serviceFilter(for: $0), nextToken: tokens[$0]!)
            })
            for (prefix, answer) in zip(batch, answers) {
                do throws(AWSError) {
                    let page = try SecretsManagerClient.listSecretsPage(try answer.get())
                    out[prefix, default: []] += page.entries
                    if let t = try walks[prefix]!.next(page.nextToken) { tokens[prefix] = .some(t) } else { tokens[prefix] = nil }
                } catch {
                    throw describe(error, subject: "prefix \(prefix)")
                }
            }
        }
        for (prefix, entries) in out { try checkUnique(entries.map(\.name), call: "ListSecrets", subject: "prefix \(prefix)") }
        return out
    }

    /// The values of `ids` (names, ARNs or partial ARNs), one parallel `GetSecretValue` each, keyed by the id asked for.
    func getEach(_ ids: [String]) throws(ResolutionError) -> [String: SecretValue] {
        var out: [String: SecretValue] = [:]
        for start in stride(from: 0, to: ids.count, by: getConcurrency) {
            let slice = Array(ids[start..<min(start + getConcurrency, ids.count)])
            let answers = sm.client.callAll(slice.map { SecretsManagerClient.getCall(id: $0) })
            for (id, answer) in zip(slice, answers) { out[id] = try accept(answer, id: id) }
        }
        return out
    }

    /// The value in one `GetSecretValue` answer, or the error that names the secret.
    /// A value for another secret than the one asked for is an error, never accepted under the other name.
    func accept(_ answer: Result<JSONValue, AWSError>, id name: String) throws(ResolutionError) -> SecretValue {
        switch answer {
        case .success(let json):
            let v: SecretValue
            do { v = try SecretsManagerClient.getValue(json) } catch { throw describe(error, subject: "secret \(name)") }
            guard Self.answers(v, id: name) else { throw unasked(v.name, call: "GetSecretValue", asked: name) }
            return v
        case .failure(let e) where e.code == "ResourceNotFoundException":
            throw notFound(name)
        case .failure(let e) where e.isScheduledForDeletion:
            throw Self.scheduledForDeletion(name)
        case .failure(let e):
            throw describe(e, subject: "secret \(name)")
        }
    }

    // MARK: Errors

    /// Whether `v` is the secret `id` names: by name, full ARN, or partial ARN (the ARN without the
    /// service's six-character suffix).
    static func answers(_ v: SecretValue, id: String) -> Bool {
        if v.name == id { return true }
        guard id.hasPrefix("arn:"), let arn = v.arn else { return false }
        return arn == id || (arn.hasPrefix(id + "-") && arn.count == id.count + 7)
    }

    /// The error for a secret named on its own (`--secret`) that is scheduled for deletion.
    static func scheduledForDeletion(_ name: String) -> ResolutionError {
        ResolutionError("secret \(name) is scheduled for deletion",
                        hint: ScheduledDeletion.restoreHint(name) + ", or stop asking for it (--secret \(name))")
    }

    /// The error for an answer naming a secret that was not asked for.
    func unasked(_ name: String, call: String, asked: String? = nil) -> ResolutionError {
        ResolutionError("secretsmanager:\(call) answered a value for \(name), which was not asked for"
                        + (asked.map { " (asked: \($0))" } ?? ""),
                        hint: "the endpoint is not answering as Secrets Manager does; check it (-v shows it) and try again")
    }

    /// Names must come once: a second value for a name would leave which one the command gets to chance.
    func checkUnique(_ names: [String], call: String, subject: String) throws(ResolutionError) {
        var seen: Set<String> = []
        for n in names where !seen.insert(n).inserted {
            throw ResolutionError("secretsmanager:\(call) answered \(n) twice for \(subject)",
                                  hint: "the endpoint is not answering as Secrets Manager does; check it (-v shows it) and try again")
        }
    }

    func decode(_ json: JSONValue) throws(ResolutionError) -> (values: [SecretValue], errors: [SecretError], nextToken: String?) {
        do { return try SecretsManagerClient.batchGetPage(json) } catch { throw describe(error, subject: "the answer") }
    }

    func failOnErrors(_ errors: [SecretError], context: String?) throws(ResolutionError) {
        guard let err = errors.first else { return }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
        throw ResolutionError("cannot read secret \(err.secretID): \(err.code): \(err.message)\(more)",
                              hint: ErrorHints.hint(code: err.code, call: .secretsManager(operation: "GetSecretValue", listing: false),
                                                    subject: err.secretID))
    }

    func isDenied(_ e: AWSError) -> Bool {
        guard let code = e.code else { return false }
        return code == "AccessDeniedException" || code == "AccessDenied"
    }

    /// An `AWSError` as a resolution error that says what was being resolved and what to do.
    func describe(_ e: AWSError, subject: String) -> ResolutionError {
        var error = describeOnly(e, subject: subject)
        error.unavailable = RetryPolicy.isRetryable(e)
        return error
    }

    private func describeOnly(_ e: AWSError, subject: String) -> ResolutionError {
        let op = e.operation.map { "secretsmanager:\($0)" } ?? "the call"
        switch e.kind {
        case .service(let code, _):
            if isDenied(e) {
                return ResolutionError("access denied: \(op) on \(subject): \(e.message)",
                                       hint: ErrorHints.hint(code: code, call: .secretsManager(operation: e.operation, listing: true), subject: subject))
            }
            return ResolutionError("\(op) failed for \(subject): \(code): \(e.message)",
                                   hint: ErrorHints.hint(code: code, call: .secretsManager(operation: e.operation, listing: false), subject: subject))
        default:
            return ResolutionError(e.message, hint: e.hint)
        }
    }
}
