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
        switch error.code {
        case "ResourceNotFoundException":
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
        case "InvalidRequestException" where error.message.lowercased().contains("deletion"):
            return CommandFailure("\(secret) is scheduled for deletion: \(error.message)",
                                  hint: "restore it first: aws secretsmanager restore-secret --secret-id \(secret)")
        default:
            return error
        }
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
