import AWSClient
import SecretResolution
import SecretsManager

/// What every secret-management command starts from: the environment, a logger and a signed client.
extension ManagementContext {
    /// The secret's description, or the one not-found error (region, endpoint, close names); other
    /// service errors explained as every command explains them.
    func describe(_ name: String) throws -> SecretDescription {
        guard let d = try ServiceErrors.about(name, sm: sm, { try sm.describeSecret(id: name) }) else {
            throw ServiceErrors.notFound(name, sm: sm)
        }
        return d
    }
}

struct ManagementContext {
    let env: ProcessEnvironment
    let log: Logger
    let sm: SecretsManagerClient
    let style: Style

    init(_ common: CommonOptions) throws(AWSError) {
        env = ProcessEnvironment.current()
        log = common.logger
        sm = SecretsManagerClient(client: try AWSSession(common.aws, env: env, log: log).client)
        style = Style(enabled: Terminal.colorEnabled(env))
    }
}

/// Service errors told in terms of the secret the user named.
enum ServiceErrors {
    /// A clearer error for the common cases (not found, access denied, scheduled for deletion), and
    /// every other service error with the hint for its code from the one table (`ErrorHints`).
    /// With `sm`, a not-found error names the region and endpoint asked and suggests the closest
    /// existing names (`SecretsManagerClient.notFound`).
    static func explain(_ error: AWSError, secret: String, sm: SecretsManagerClient? = nil) -> any Error {
        if error.isScheduledForDeletion { return scheduledForDeletion(secret, sm: sm) }
        switch error.code {
        case "ResourceNotFoundException":
            // The service may name another resource than the secret, e.g. a rotation Lambda's ARN.
            if let other = otherResource(in: error.message, than: secret) {
                let region = sm.map { " in \($0.client.region)" } ?? ""
                return CommandFailure("\(other) was not found (ResourceNotFoundException)",
                                      hint: "check that it exists\(region) and that its ARN is spelled right")
            }
            guard let sm else {
                return CommandFailure("secret \(secret) was not found (\(error.message))",
                                      hint: "check the name and the region; lwexec list PREFIX shows what exists")
            }
            let (message, hint) = sm.notFound(secret)
            return CommandFailure(message, hint: hint)
        case "InvalidRequestException" where error.message.lowercased().contains("deletion"):
            return CommandFailure("\(secret) is scheduled for deletion: \(error.message)",
                                  hint: "restore it first: aws secretsmanager restore-secret --secret-id \(secret)")
        default:
            return explain(error, subject: secret)
        }
    }

    /// Any service error about `subject` (a secret's name, `prefix /a/b`), with the table's hint for its code.
    static func explain(_ error: AWSError, subject: String) -> any Error {
        guard let code = error.code else { return error }
        let op = error.operation.map { "secretsmanager:" + $0 } ?? "the call"
        let hint = ErrorHints.hint(code: code, call: .secretsManager(operation: error.operation, listing: false), subject: subject) ?? error.hint
        if code == "AccessDeniedException" || code == "AccessDenied" {
            return CommandFailure("access denied: \(op) on \(subject): \(error.message)", hint: hint)
        }
        return CommandFailure("\(op) failed for \(subject): \(code): \(error.message)", hint: hint)
    }

    /// Runs `body`, a listing of the secrets under `prefix`, explaining service errors through the table.
    static func aboutPrefix<T>(_ prefix: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as AWSError {
            throw explain(e, subject: "prefix \(PrefixMatching.normalize(prefix))")
        }
    }

    /// The ARN a not-found message names when it is not `secret`'s (`Resource not found for ARN 'arn:aws:lambda:...'.`).
    static func otherResource(in message: String, than secret: String) -> String? {
        let chars = Array(message)
        guard let start = chars.indices.first(where: { chars[$0...].starts(with: "arn:") }) else { return nil }
        var arn = Substring(String(chars[start...].prefix { $0 != "'" && $0 != "\"" && $0 != " " }))
        while let last = arn.last, last == "." || last == "," { arn = arn.dropLast() }
        if arn.contains(":secretsmanager:") || arn == secret { return nil }
        return String(arn)
    }

    /// The error for a secret scheduled for deletion: since when (DescribeSecret's `DeletedDate`), until
    /// when it can be restored, and how.
    static func scheduledForDeletion(_ secret: String, sm: SecretsManagerClient?, deletedDate: Double? = nil) -> CommandFailure {
        var date = deletedDate
        if date == nil, let sm, let d = try? sm.describeSecret(id: secret) { date = d.deletedDate }
        return CommandFailure("\(secret) is scheduled for deletion\(date.map(deletionWhen) ?? "")",
                              hint: ScheduledDeletion.restoreHint(secret))
    }

    /// When a secret with this `DeletedDate` goes for good. AWS gives the time of the deletion request
    /// (the recovery window, 7 to 30 days, runs from there and is not returned); moto gives the end of
    /// the window, a date still to come.
    static func deletionWhen(_ deleted: Double) -> String {
        let now = Double(Clock.epochSeconds())
        if deleted > now { return " (Secrets Manager deletes it for good on \(Dates.short(deleted)) UTC)" }
        return " (deleted \(Dates.short(deleted)) UTC; restorable until \(Dates.short(deleted + 30 * 86400)) UTC at the latest, "
            + "as the recovery window is 7 to 30 days)"
    }

    /// Runs `body`, explaining service errors about `secret` (with `sm`: suggestions for a name not found).
    static func about<T>(_ secret: String, sm: SecretsManagerClient? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as AWSError {
            throw explain(e, secret: secret, sm: sm)
        }
    }

    /// The not-found error for `secret` when a lookup answered "none".
    static func notFound(_ secret: String, sm: SecretsManagerClient) -> any Error {
        explain(AWSError(.service(code: "ResourceNotFoundException", status: 400), "no such secret"), secret: secret, sm: sm)
    }
}
