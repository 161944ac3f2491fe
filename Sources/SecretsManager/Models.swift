import AWSCore
import LWCrypto

/// A secret as `ListSecrets` describes it (no value).
public struct SecretEntry: Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var lastChangedDate: Double?
    public var rotationEnabled: Bool
    public var nextRotationDate: Double?
    /// Version id to its staging labels, e.g. `AWSCURRENT`.
    public var versionsToStages: [String: [String]]
    public var tags: [String: String]

    public init(name: String, arn: String? = nil, lastChangedDate: Double? = nil, rotationEnabled: Bool = false,
                nextRotationDate: Double? = nil, versionsToStages: [String: [String]] = [:], tags: [String: String] = [:]) {
        self.name = name
        self.arn = arn
        self.lastChangedDate = lastChangedDate
        self.rotationEnabled = rotationEnabled
        self.nextRotationDate = nextRotationDate
        self.versionsToStages = versionsToStages
        self.tags = tags
    }

    init?(json: JSONValue) {
        guard let name = json["Name"]?.string else { return nil }
        var stages: [String: [String]] = [:]
        for (version, labels) in json["SecretVersionsToStages"]?.object ?? [:] {
            stages[version] = labels.array?.compactMap(\.string) ?? []
        }
        var tags: [String: String] = [:]
        for t in json["Tags"]?.array ?? [] {
            if let k = t["Key"]?.string { tags[k] = t["Value"]?.string ?? "" }
        }
        self.init(name: name, arn: json["ARN"]?.string, lastChangedDate: json["LastChangedDate"]?.double,
                  rotationEnabled: json["RotationEnabled"]?.bool ?? false, nextRotationDate: json["NextRotationDate"]?.double,
                  versionsToStages: stages, tags: tags)
    }
}

/// A secret's value: text, or bytes for a binary secret.
public struct SecretValue: Sendable, Equatable {
    public enum Payload: Sendable, Equatable {
        case string(String)
        case binary([UInt8])
    }

    public var name: String
    public var arn: String?
    public var versionID: String?
    public var payload: Payload

    public init(name: String, arn: String? = nil, versionID: String? = nil, payload: Payload) {
        self.name = name
        self.arn = arn
        self.versionID = versionID
        self.payload = payload
    }

    /// Decodes a `SecretValues[]` entry or a `GetSecretValue` answer.
    init(json: JSONValue, operation: String) throws(AWSError) {
        guard let name = json["Name"]?.string else {
            throw AWSError(.malformedResponse, "\(operation) answered a secret value without a Name", operation: operation)
        }
        let payload: Payload
        if let s = json["SecretString"]?.string {
            payload = .string(s)
        } else if let b = json["SecretBinary"]?.string {
            guard let bytes = Encoding.base64Decode(b) else {
                throw AWSError(.malformedResponse, "\(operation) answered malformed SecretBinary for \(name)", operation: operation)
            }
            payload = .binary(bytes)
        } else {
            throw AWSError(.malformedResponse, "\(operation) answered no value for \(name)", operation: operation)
        }
        self.init(name: name, arn: json["ARN"]?.string, versionID: json["VersionId"]?.string, payload: payload)
    }
}

/// One `Errors[]` entry of a `BatchGetSecretValue` answer.
public struct SecretError: Sendable, Equatable {
    public var secretID: String
    public var code: String
    public var message: String

    public init(secretID: String, code: String, message: String) {
        self.secretID = secretID
        self.code = code
        self.message = message
    }
}
