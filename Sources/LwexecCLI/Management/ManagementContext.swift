import AWSCore
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
    static func explain(_ error: AWSError, secret: String) -> any Error {
        switch error.code {
        case "ResourceNotFoundException":
            return CommandFailure("secret \(secret) was not found (\(error.message))",
                                  hint: "check the name and the region; lwexec list PREFIX shows what exists")
        case "AccessDeniedException":
            return CommandFailure("access denied: \(error.operation ?? "the call") on \(secret): \(error.message)",
                                  hint: "your IAM policy needs secretsmanager:\(error.operation ?? "*") on this secret")
        case "InvalidRequestException" where error.message.lowercased().contains("deletion"):
            return CommandFailure("\(secret) is scheduled for deletion: \(error.message)",
                                  hint: "restore it first: aws secretsmanager restore-secret --secret-id \(secret)")
        default:
            return error
        }
    }

    /// Runs `body`, explaining service errors about `secret`.
    static func about<T>(_ secret: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as AWSError {
            throw explain(e, secret: secret)
        }
    }
}
