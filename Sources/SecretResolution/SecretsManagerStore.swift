import AWSCore
import SecretsManager

/// Fetches from Secrets Manager in few sequential round trips.
///
/// Round 1, all in parallel: per prefix, `BatchGetSecretValue` with a name filter (up to 20
/// values: small prefixes finish here); up to 10 named secrets, one `GetSecretValue` each (the
/// SOP's least-privilege policy allows only that call, and its quota is 100 times the batch
/// call's, which matters when a fleet starts at once); more, `BatchGetSecretValue` per 20.
/// Round 2, for prefixes with more: `ListSecrets` pages of 100 (parallel across prefixes).
/// Round 3: the remaining values in parallel batches of 20. Where `BatchGetSecretValue` is
/// denied (a least-privilege policy), values come from parallel `GetSecretValue` calls.
public final class SecretsManagerStore: SecretStore {
    let sm: SecretsManagerClient
    let log: Logger
    /// Parallel `GetSecretValue` calls in flight at once, in the fallback.
    let getConcurrency = 32
    /// Up to this many `--secret`s are fetched with `GetSecretValue` directly, in round 1.
    static let directGetLimit = 10
    private var batchDenied = false

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
        for (k, name) in direct.enumerated() { result.byName[name] = try accept(answers[firstGet + k], name: name) }

        var morePrefixes: [String] = []
        var missingNames: [String] = []
        for (i, prefix) in prefixes.enumerated() {
            switch answers[i] {
            case .success(let json):
                let page = try decode(json)
                // An error about a secret this run would not use (outside the path boundary, or deeper
                // without --recursive) does not stop it; one about an ARN, which cannot be placed, does.
                try failOnErrors(page.errors.filter { e in
                    if e.secretID.hasPrefix("arn:") { return true }
                    guard let rel = PrefixMatching.relativeName(e.secretID, under: prefix) else { return false }
                    return recursive || PrefixMatching.isDirectChild(rel)
                }, context: prefix)
                result.byPrefix[prefix] = page.values
                if page.nextToken != nil { morePrefixes.append(prefix) }
            case .failure(let e) where isDenied(e):
                log.debug("BatchGetSecretValue denied for \(prefix); listing names and using GetSecretValue")
                batchDenied = true
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
                    if err.code == "ResourceNotFoundException" {
                        throw ResolutionError("secret \(err.secretID) was not found", hint: "check the name and the region")
                    }
                    throw ResolutionError("cannot read secret \(err.secretID): \(err.code): \(err.message)",
                                          hint: hintFor(code: err.code, subject: err.secretID))
                }
                // Ids may be names or ARNs: match answers back by either; fetch any other alone.
                for id in chunk {
                    if let v = page.values.first(where: { $0.name == id || $0.arn == id }) { result.byName[id] = v }
                    else { missingNames.append(id) }
                }
            case .failure(let e) where isDenied(e):
                log.debug("BatchGetSecretValue denied; falling back to GetSecretValue for \(chunk.count) secret(s)")
                batchDenied = true
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

        // Round 3: values not yet in hand. Listed names are canonical, so batch answers match them by
        // name; ids not matched in round 1 (partial ARNs, denied batches) go to GetSecretValue, keyed by id.
        let listed = try values(for: Array(Set(toFetch.map(\.name))).sorted())
        let named = try values(for: missingNames, batch: false)
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
    func listAll(_ prefixes: [String]) throws(ResolutionError) -> [String: [SecretEntry]] {
        var out: [String: [SecretEntry]] = [:]
        var tokens: [String: String?] = Dictionary(uniqueKeysWithValues: prefixes.map { ($0, nil) })
        while !tokens.isEmpty {
            let batch = tokens.keys.sorted()
            let answers = sm.client.callAll(batch.map {
                SecretsManagerClient.listSecretsCall(namePrefix: PrefixMatching.serviceFilter(for: $0), nextToken: tokens[$0]!)
            })
            for (prefix, answer) in zip(batch, answers) {
                switch answer {
                case .success(let json):
                    // A NextToken that is not a string must not end the listing (a partial environment).
                    if let t = json["NextToken"], t.string == nil {
                        throw ResolutionError("ListSecrets answered a malformed NextToken for prefix \(prefix)")
                    }
                    let page = SecretsManagerClient.listSecretsPage(json)
                    out[prefix, default: []] += page.entries
                    if let t = page.nextToken { tokens[prefix] = .some(t) } else { tokens[prefix] = nil }
                case .failure(let e):
                    throw describe(e, subject: "prefix \(prefix)")
                }
            }
        }
        return out
    }

    /// Values of the named secrets: parallel batches of 20, or parallel single gets when batches are
    /// denied or `batch` is false (then keyed by the id asked for, whatever form it has).
    func values(for names: [String], batch: Bool = true) throws(ResolutionError) -> [String: SecretValue] {
        var out: [String: SecretValue] = [:]
        if names.isEmpty { return out }
        if batch && !batchDenied {
            let chunks = stride(from: 0, to: names.count, by: SecretsManagerClient.batchLimit).map {
                Array(names[$0..<min($0 + SecretsManagerClient.batchLimit, names.count)])
            }
            let answers = sm.client.callAll(chunks.map { SecretsManagerClient.batchGetCall(ids: $0) })
            var denied = false
            for (chunk, answer) in zip(chunks, answers) {
                switch answer {
                case .success(let json):
                    let page = try decode(json)
                    try failOnErrors(page.errors, context: nil)
                    for v in page.values { out[v.name] = v }
                case .failure(let e) where isDenied(e):
                    denied = true
                case .failure(let e):
                    throw describe(e, subject: "secrets " + chunk.joined(separator: ", "))
                }
            }
            if !denied { return out }
            batchDenied = true
            log.debug("BatchGetSecretValue denied; falling back to GetSecretValue")
        }
        let remaining = names.filter { out[$0] == nil }
        for start in stride(from: 0, to: remaining.count, by: getConcurrency) {
            let slice = Array(remaining[start..<min(start + getConcurrency, remaining.count)])
            let answers = sm.client.callAll(slice.map { SecretsManagerClient.getCall(id: $0) })
            for (name, answer) in zip(slice, answers) { out[name] = try accept(answer, name: name) }
        }
        return out
    }

    /// The value in one `GetSecretValue` answer, or the error that names the secret.
    func accept(_ answer: Result<JSONValue, AWSError>, name: String) throws(ResolutionError) -> SecretValue {
        switch answer {
        case .success(let json):
            do { return try SecretsManagerClient.getValue(json) } catch { throw describe(error, subject: "secret \(name)") }
        case .failure(let e) where e.code == "ResourceNotFoundException":
            throw ResolutionError("secret \(name) was not found", hint: "check the name and the region")
        case .failure(let e):
            throw describe(e, subject: "secret \(name)")
        }
    }

    // MARK: Errors

    func decode(_ json: JSONValue) throws(ResolutionError) -> (values: [SecretValue], errors: [SecretError], nextToken: String?) {
        do { return try SecretsManagerClient.batchGetPage(json) } catch { throw describe(error, subject: "the answer") }
    }

    func failOnErrors(_ errors: [SecretError], context: String?) throws(ResolutionError) {
        guard let err = errors.first else { return }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
        throw ResolutionError("cannot read secret \(err.secretID): \(err.code): \(err.message)\(more)",
                              hint: hintFor(code: err.code, subject: err.secretID))
    }

    func isDenied(_ e: AWSError) -> Bool {
        guard let code = e.code else { return false }
        return code == "AccessDeniedException" || code == "AccessDenied"
    }

    /// An `AWSError` as a resolution error that says what was being resolved and what to do.
    func describe(_ e: AWSError, subject: String) -> ResolutionError {
        var error = describeOnly(e, subject: subject)
        error.unavailable = RetryPolicy().isRetryable(e)
        return error
    }

    private func describeOnly(_ e: AWSError, subject: String) -> ResolutionError {
        let op = e.operation.map { "secretsmanager:\($0)" } ?? "the call"
        switch e.kind {
        case .service(let code, _):
            if isDenied(e) {
                return ResolutionError("access denied: \(op) on \(subject): \(e.message)",
                                       hint: "grant \(op) to this identity, or name secrets with --secret (needs only GetSecretValue) (`lwexec whoami` shows who you are)")
            }
            return ResolutionError("\(op) failed for \(subject): \(code): \(e.message)", hint: hintFor(code: code, subject: subject))
        default:
            return ResolutionError(e.message, hint: e.hint)
        }
    }

    func hintFor(code: String, subject: String) -> String? {
        switch code {
        case "UnrecognizedClientException", "InvalidClientTokenId":
            return "the access key id is not known to AWS: check AWS_PROFILE and your keys (`lwexec whoami` shows who you are)"
        case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature":
            return "the secret access key does not match the access key id: check your credentials (`lwexec whoami` shows who you are)"
        case "ExpiredTokenException", "ExpiredToken", "RequestExpired":
            return "the session has expired: refresh your credentials (e.g. `aws sso login`)"
        case "AccessDeniedException", "AccessDenied":
            return "grant secretsmanager:GetSecretValue on \(subject) to this identity (`lwexec whoami` shows who you are)"
        case "DecryptionFailure":
            return "this identity needs kms:Decrypt on the secret's KMS key"
        case "ResourceNotFoundException":
            return "check the name and the region"
        case "LimitExceededException":
            return "a Secrets Manager quota was reached; try again later"
        default:
            return nil
        }
    }
}
