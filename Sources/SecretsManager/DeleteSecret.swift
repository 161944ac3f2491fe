import AWSClient

/// How a secret is deleted: after a recovery window (7–30 days), or at once.
public enum DeletionMode: Sendable, Equatable {
    case recoveryWindow(days: Int)
    case withoutRecovery
}

extension SecretsManagerClient {
    /// The input of a `DeleteSecret` call.
    public static func deleteSecretCall(id: String, mode: DeletionMode) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = ["SecretId": .string(id)]
        switch mode {
        case .recoveryWindow(let days): input["RecoveryWindowInDays"] = .number(String(days))
        case .withoutRecovery: input["ForceDeleteWithoutRecovery"] = .bool(true)
        }
        return .init("DeleteSecret", .object(input))
    }

    /// The deletion date a `DeleteSecret` answer announces (epoch seconds).
    public static func deletionDate(_ json: JSONValue) -> Double? {
        json["DeletionDate"]?.double
    }
}

/// How the service says a secret is scheduled for deletion: `InvalidRequestException` whose message
/// speaks of deletion (AWS: "...because it was marked for deletion."; moto: "...currently marked deleted.").
public enum ScheduledDeletion {
    /// Whether an error code and message say the secret is scheduled for deletion.
    public static func matches(code: String?, message: String) -> Bool {
        guard code == "InvalidRequestException" else { return false }
        let m = message.lowercased()
        return m.contains("for deletion") || m.contains("marked deleted")
    }

    /// The hint that restores a secret scheduled for deletion.
    public static func restoreHint(_ name: String) -> String {
        "restore it first: aws secretsmanager restore-secret --secret-id \(name)"
    }
}

extension AWSError {
    /// Whether the service refused because the secret is scheduled for deletion.
    public var isScheduledForDeletion: Bool { ScheduledDeletion.matches(code: code, message: message) }
}

extension SecretError {
    /// Whether this `Errors[]` entry says the secret is scheduled for deletion.
    public var isScheduledForDeletion: Bool { ScheduledDeletion.matches(code: code, message: message) }
}
