import AWSClient
import SecretResolution
import SecretsManager

/// What every secret-management command starts from: the environment, a logger and a signed client.
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
    /// A clearer error for the common cases (not found, access denied, scheduled for deletion); others unchanged.
    /// With `sm`, a not-found error names the region and endpoint asked and suggests the closest
    /// existing names under the same parent path.
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
            let parent = secret.split(separator: "/").dropLast().joined(separator: "/")
            let filter = secret.hasPrefix("/") ? "/" + parent + "/" : parent + "/"
            let names = (try? sm.listSecrets(namePrefix: parent.isEmpty ? nil : filter, maxPages: 3).map(\.name)) ?? []
            let near = Suggestions.closestNames(to: secret, names: names)
            let client = sm.client
            return CommandFailure("secret \(secret) was not found in \(client.region) (\(client.endpoint.url))",
                                  hint: near.isEmpty
                                      ? "check the name and the region (--region); lwexec list \(parent.isEmpty ? "/" : filter) shows what exists"
                                      : "did you mean \(near.joined(separator: " or "))? (lwexec list \(filter) shows what exists)")
        case "AccessDeniedException":
            return CommandFailure("access denied: \(error.operation ?? "the call") on \(secret): \(error.message)",
                                  hint: ErrorHints.hint(code: "AccessDeniedException", call: .secretsManager(operation: error.operation, listing: false),
                                                        subject: secret))
        default:
            return error
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
