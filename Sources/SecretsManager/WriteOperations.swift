import AWSClient
import SecretResolution

/// What a write answered: the secret and the version it made (or found, on a retried token).
public struct WriteResult: Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var versionID: String?

    public init(name: String, arn: String? = nil, versionID: String? = nil) {
        self.name = name
        self.arn = arn
        self.versionID = versionID
    }

    /// Decodes a `CreateSecret`, `PutSecretValue` or `RotateSecret` answer.
    public init(json: JSONValue, fallbackName: String) {
        self.init(name: json["Name"]?.string ?? fallbackName, arn: json["ARN"]?.string, versionID: json["VersionId"]?.string)
    }
}

extension SecretsManagerClient {
    /// `Tags` as the service takes them, sorted by key so requests are stable.
    static func tagList(_ tags: [String: String]) -> JSONValue {
        .array(tags.keys.sorted().map { .object(["Key": .string($0), "Value": .string(tags[$0]!)]) })
    }

    /// The input of a `CreateSecret` call: name, first value, idempotency token, description, tags.
    public static func createSecretCall(name: String, value: String, token: String, description: String?,
                                        tags: [String: String]) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = [
            "Name": .string(name), "SecretString": .string(value), "ClientRequestToken": .string(token),
        ]
        if let description { input["Description"] = .string(description) }
        if !tags.isEmpty { input["Tags"] = tagList(tags) }
        return .init("CreateSecret", .object(input))
    }

    /// The input of a `PutSecretValue` call: a new version, once per token; `AWSCURRENT` unless `stages`
    /// says otherwise (`["AWSPENDING"]`: the first phase of a two-phase rotation, consumers keep the old value).
    public static func putSecretValueCall(id: String, value: String, token: String, stages: [String]? = nil) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = [
            "SecretId": .string(id), "SecretString": .string(value), "ClientRequestToken": .string(token),
        ]
        if let stages { input["VersionStages"] = .array(stages.map { .string($0) }) }
        return .init("PutSecretValue", .object(input))
    }

    /// The input of an `UpdateSecret` call changing only the description (no new version).
    /// It carries a `ClientRequestToken`, as the SDKs always fill one in for UpdateSecret.
    public static func updateDescriptionCall(id: String, description: String, token: String) -> AWSJSONClient.Call {
        .init("UpdateSecret", .object(["SecretId": .string(id), "Description": .string(description),
                                       "ClientRequestToken": .string(token)]))
    }

    /// The input of a `TagResource` call.
    public static func tagResourceCall(id: String, tags: [String: String]) -> AWSJSONClient.Call {
        .init("TagResource", .object(["SecretId": .string(id), "Tags": tagList(tags)]))
    }

    /// The input of a `RotateSecret` call that starts the configured rotation now, or first configures
    /// it (a Lambda and a schedule in days) when given.
    public static func rotateSecretCall(id: String, token: String, lambdaARN: String? = nil, everyDays: Int? = nil) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = ["SecretId": .string(id), "ClientRequestToken": .string(token)]
        if let arn = lambdaARN { input["RotationLambdaARN"] = .string(arn) }
        if let d = everyDays { input["RotationRules"] = .object(["AutomaticallyAfterDays": .number(String(d))]) }
        return .init("RotateSecret", .object(input))
    }

    /// The input of a `CancelRotateSecret` call: automatic rotation off (the Lambda stays configured).
    public static func cancelRotateSecretCall(id: String) -> AWSJSONClient.Call {
        .init("CancelRotateSecret", .object(["SecretId": .string(id)]))
    }

    /// Calls one prepared call.
    public func send(_ call: AWSJSONClient.Call) throws(AWSError) -> JSONValue {
        try client.call(call.operation, call.input)
    }
}
