import AWSClient
import SecretPolicy
import SecretsManager

/// Creates a secret or adds a version to it, with the SOP's tags, exactly once per call.
///
/// Each value write carries a fresh `ClientRequestToken`; the transport resends the same body
/// on retries, so a write whose answer was lost still makes one version. A `CreateSecret` that
/// meets an existing secret (made by someone else in between) falls back to `PutSecretValue`
/// with the same token.
struct SecretUpserter {
    let sm: SecretsManagerClient
    let log: Logger

    struct Request {
        var name: String
        var value: String
        var description: String?
        /// `--tag K=V`s, over the tags derived from the name.
        var tags: [String: String] = [:]
        /// Compare with `AWSCURRENT` first and write nothing when equal.
        var skipUnchanged = false
        /// `ManagedBy` for a secret that has no valid one (`--managed-by`, default Manual).
        var managedBy = RequiredTags.defaultManagedBy
        /// Asked for a description when the secret will have none (at a terminal); nil: warn instead.
        var askDescription: (() -> String?)? = nil
    }

    /// The description to set when `r` gives none and the secret has none: asked for, or a warning.
    private func missingDescription(_ r: Request) -> String? {
        if let d = r.askDescription?(), !d.isEmpty { return d }
        log.notice("warning: \(r.name) has no description; the SOP asks for one (lwexec tag \(r.name) --description '...')")
        return nil
    }

    enum Outcome: Equatable {
        case created(WriteResult)
        case updated(WriteResult)
        case unchanged(name: String, versionID: String?)

        var word: String {
            switch self {
            case .created: "created"
            case .updated: "updated"
            case .unchanged: "unchanged"
            }
        }

        var versionID: String? {
            switch self {
            case .created(let r), .updated(let r): r.versionID
            case .unchanged(_, let v): v
            }
        }
    }

    func write(_ r: Request) throws -> Outcome {
        let outcome = try upsert(r)
        if case .unchanged = outcome {} else { CacheInvalidation.secretChanged(r.name, log: log) }
        return outcome
    }

    private func upsert(_ r: Request) throws -> Outcome {
        let parsed = SecretName(parsing: r.name)
        guard let existing = try sm.describeSecret(id: r.name) else {
            let token = try Self.token()
            var r = r
            if r.description == nil { r.description = missingDescription(r) }
            let tags = RequiredTags.desired(for: parsed, existing: [:], overrides: r.tags, managedBy: r.managedBy)
            if let created = try create(r, token: token, tags: tags) { return .created(created) }
            log.debug("\(r.name) appeared meanwhile; adding a version instead")
            guard let now = try sm.describeSecret(id: r.name) else {
                throw CommandFailure("\(r.name) exists and does not: the service answered both; try again")
            }
            return try update(r, existing: now, parsed: parsed, token: token)
        }
        return try update(r, existing: existing, parsed: parsed, token: try Self.token())
    }

    /// `CreateSecret`; nil when the secret exists already (made by someone else since `DescribeSecret`).
    private func create(_ r: Request, token: String, tags: [String: String]) throws(AWSError) -> WriteResult? {
        let call = SecretsManagerClient.createSecretCall(name: r.name, value: r.value, token: token,
                                                         description: r.description, tags: tags)
        let json: JSONValue
        do {
            json = try sm.send(call)
        } catch {
            if error.code == "ResourceExistsException" { return nil }
            throw error
        }
        log.debug("created \(r.name) with tags \(tags.keys.sorted().joined(separator: ", "))")
        return WriteResult(json: json, fallbackName: r.name)
    }

    private func update(_ r: Request, existing: SecretDescription, parsed: SecretName?, token: String) throws -> Outcome {
        if existing.deletedDate != nil {
            throw CommandFailure("\(r.name) is scheduled for deletion",
                                 hint: "restore it first (aws secretsmanager restore-secret --secret-id \(r.name)), then write again")
        }
        var r = r
        if r.description == nil, (existing.description ?? "").isEmpty { r.description = missingDescription(r) }
        // Metadata first, the value last: a failure part-way leaves the old value live with, at worst,
        // a better description or tags — never a new value without what was asked to go with it.
        if let d = r.description, d != existing.description {
            _ = try sm.send(SecretsManagerClient.updateDescriptionCall(id: r.name, description: d, token: try Self.token()))
            log.debug("description of \(r.name) updated")
        }
        let desired = RequiredTags.desired(for: parsed, existing: existing.tags, overrides: r.tags, managedBy: r.managedBy)
        let changes = RequiredTags.changes(desired: desired, existing: existing.tags)
        if !changes.isEmpty {
            _ = try sm.send(SecretsManagerClient.tagResourceCall(id: r.name, tags: changes))
            log.debug("tagged \(r.name): \(changes.keys.sorted().joined(separator: ", "))")
        }
        if r.skipUnchanged, let current = try currentValue(r.name), current.utf8.elementsEqual(r.value.utf8) {
            return .unchanged(name: r.name, versionID: existing.version(withStage: "AWSCURRENT"))
        }
        let json = try sm.send(SecretsManagerClient.putSecretValueCall(id: r.name, value: r.value, token: token))
        return .updated(WriteResult(json: json, fallbackName: r.name))
    }

    /// The `AWSCURRENT` text, or nil when there is none (no version yet, or a binary secret).
    private func currentValue(_ name: String) throws -> String? {
        let call = SecretsManagerClient.getCall(id: name)
        let json: JSONValue
        do {
            json = try sm.send(call)
        } catch {
            if error.code == "ResourceNotFoundException" { return nil }
            throw error
        }
        if case .string(let s) = try SecretsManagerClient.getValue(json).payload { return s }
        return nil
    }

    static func token() throws(CommandFailure) -> String {
        guard let t = RequestToken.uuid4() else { throw CommandFailure("OpenSSL's random generator could not be seeded") }
        return t
    }
}
