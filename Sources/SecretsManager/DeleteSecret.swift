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
