import AWSClient

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

    /// Decodes a `DescribeSecret` answer or a `SecretList[]` entry strictly (the two name the version map differently).
    init(json: JSONValue, path: String, reader r: AnswerReader) throws(AWSError) {
        let o = try r.object(json, path)
        self.init(name: try r.string(o, "Name", in: path))
        arn = try r.optionalString(o, "ARN", in: path)
        description = try r.optionalString(o, "Description", in: path)
        createdDate = try r.optionalDate(o, "CreatedDate", in: path)
        lastChangedDate = try r.optionalDate(o, "LastChangedDate", in: path)
        lastRotatedDate = try r.optionalDate(o, "LastRotatedDate", in: path)
        nextRotationDate = try r.optionalDate(o, "NextRotationDate", in: path)
        deletedDate = try r.optionalDate(o, "DeletedDate", in: path)
        rotationEnabled = try r.optionalBool(o, "RotationEnabled", in: path) ?? false
        rotationLambdaARN = try r.optionalString(o, "RotationLambdaARN", in: path).flatMap { $0.isEmpty ? nil : $0 }
        let rulesPath = AnswerReader.join(path, "RotationRules")
        if let rules = try r.optional(o, "RotationRules", in: path, as: "object", { $0.object }) {
            // Days are 1...1000 in the API; anything that is not a whole number in range is malformed.
            let days = try r.optional(rules, "AutomaticallyAfterDays", in: rulesPath, as: "whole number of days") { v in
                v.int.flatMap { (0...100_000).contains($0) ? $0 : nil }
            }
            if let d = days, d > 0 { rotationAfterDays = d }
            rotationSchedule = try r.optionalString(rules, "ScheduleExpression", in: rulesPath)
        }
        tags = try SecretEntry.tags(o, in: path, r)
        let stagesKey = o["VersionIdsToStages"] != nil ? "VersionIdsToStages" : "SecretVersionsToStages"
        versionsToStages = try SecretEntry.stages(o, stagesKey, in: path, r)
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
        try SecretDescription(json: json, path: "the answer", reader: AnswerReader(operation: "DescribeSecret"))
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
        let r = AnswerReader(operation: "ListSecrets")
        return try walkPages({ Self.listSecretsCall(namePrefix: namePrefix, nextToken: $0) }) { (json) throws(AWSError) in
            let o = try r.object(json)
            var page: [SecretDescription] = []
            for (i, e) in try r.array(o, "SecretList", in: "").enumerated() {
                page.append(try SecretDescription(json: e, path: "SecretList[\(i)]", reader: r))
            }
            return (page, try r.nextToken(o))
        }
    }
}
