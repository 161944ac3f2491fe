import AWSCore

/// A secret's metadata as `DescribeSecret` (and each `ListSecrets` entry) describes it: no value.
public struct SecretDescription: Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var description: String?
    public var createdDate: Double?
    public var lastChangedDate: Double?
    public var lastRotatedDate: Double?
    public var nextRotationDate: Double?
    /// Set when the secret is scheduled for deletion.
    public var deletedDate: Double?
    public var rotationEnabled: Bool
    public var rotationLambdaARN: String?
    /// `RotationRules.AutomaticallyAfterDays`, when set and positive.
    public var rotationAfterDays: Int?
    /// `RotationRules.ScheduleExpression`, e.g. `rate(30 days)` or a cron expression.
    public var rotationSchedule: String?
    public var tags: [String: String]
    /// Version id → staging labels (`AWSCURRENT`, `AWSPREVIOUS`, `AWSPENDING`, custom).
    public var versionsToStages: [String: [String]]

    public init(name: String) {
        self.name = name
        rotationEnabled = false
        tags = [:]
        versionsToStages = [:]
    }

    /// Decodes a `DescribeSecret` answer or a `SecretList[]` entry (the two name the version map differently).
    public init?(json: JSONValue) {
        guard let name = json["Name"]?.string else { return nil }
        self.init(name: name)
        arn = json["ARN"]?.string
        description = json["Description"]?.string
        createdDate = json["CreatedDate"]?.double
        lastChangedDate = json["LastChangedDate"]?.double
        lastRotatedDate = json["LastRotatedDate"]?.double
        nextRotationDate = json["NextRotationDate"]?.double
        deletedDate = json["DeletedDate"]?.double
        rotationEnabled = json["RotationEnabled"]?.bool ?? false
        rotationLambdaARN = json["RotationLambdaARN"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        if let d = json["RotationRules"]?["AutomaticallyAfterDays"]?.double, d > 0 { rotationAfterDays = Int(d) }
        rotationSchedule = json["RotationRules"]?["ScheduleExpression"]?.string
        for t in json["Tags"]?.array ?? [] {
            if let k = t["Key"]?.string { tags[k] = t["Value"]?.string ?? "" }
        }
        for (version, labels) in (json["VersionIdsToStages"] ?? json["SecretVersionsToStages"])?.object ?? [:] {
            versionsToStages[version] = labels.array?.compactMap(\.string) ?? []
        }
    }

    /// The version holding `stage`, e.g. the `AWSCURRENT` one.
    public func version(withStage stage: String) -> String? {
        versionsToStages.first { $0.value.contains(stage) }?.key
    }
}

extension SecretsManagerClient {
    /// The input of a `DescribeSecret` call.
    public static func describeSecretCall(id: String) -> AWSJSONClient.Call {
        .init("DescribeSecret", .object(["SecretId": .string(id)]))
    }

    /// Decodes a `DescribeSecret` answer.
    public static func describeSecretAnswer(_ json: JSONValue) throws(AWSError) -> SecretDescription {
        guard let d = SecretDescription(json: json) else {
            throw AWSError(.malformedResponse, "DescribeSecret answered without a Name", operation: "DescribeSecret")
        }
        return d
    }

    /// The secret's metadata; nil when it does not exist.
    public func describeSecret(id: String) throws(AWSError) -> SecretDescription? {
        let call = Self.describeSecretCall(id: id)
        do {
            return try Self.describeSecretAnswer(try client.call(call.operation, call.input))
        } catch where error.code == "ResourceNotFoundException" {
            return nil
        }
    }

    /// Every secret whose name starts with `namePrefix`, with full metadata (rotation rules, tags).
    public func listSecretDescriptions(namePrefix: String?) throws(AWSError) -> [SecretDescription] {
        var all: [SecretDescription] = [], token: String?
        repeat {
            let call = Self.listSecretsCall(namePrefix: namePrefix, nextToken: token)
            let json = try client.call(call.operation, call.input)
            all += (json["SecretList"]?.array ?? []).compactMap(SecretDescription.init(json:))
            token = Self.nextToken(json)
        } while token != nil
        return all
    }
}
