import AWSClient
import SecretResolution
import LWEncoding

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

    /// Decodes one `SecretList[]` entry strictly (`path` names it in errors, e.g. `SecretList[3]`).
    init(json: JSONValue, path: String, reader r: AnswerReader) throws(AWSError) {
        let o = try r.object(json, path)
        self.init(name: try r.string(o, "Name", in: path), arn: try r.optionalString(o, "ARN", in: path),
                  lastChangedDate: try r.optionalDate(o, "LastChangedDate", in: path),
                  rotationEnabled: try r.optionalBool(o, "RotationEnabled", in: path) ?? false,
                  nextRotationDate: try r.optionalDate(o, "NextRotationDate", in: path),
                  versionsToStages: try Self.stages(o, "SecretVersionsToStages", in: path, r),
                  tags: try Self.tags(o, in: path, r))
    }

    /// A version → staging labels map, strictly.
    static func stages(_ o: [String: JSONValue], _ key: String, in path: String, _ r: AnswerReader) throws(AWSError) -> [String: [String]] {
        guard let map = try r.optional(o, key, in: path, as: "object", { $0.object }) else { return [:] }
        var out: [String: [String]] = [:]
        for (version, labels) in map {
            guard let list = labels.array else { throw r.malformed("\(AnswerReader.join(path, key)).\(version)", "a non-list") }
            var strings: [String] = []
            for l in list {
                guard let s = l.string else { throw r.malformed("\(AnswerReader.join(path, key)).\(version)", "a non-string label in") }
                strings.append(s)
            }
            out[version] = strings
        }
        return out
    }

    /// `Tags[]` as a map, strictly.
    static func tags(_ o: [String: JSONValue], in path: String, _ r: AnswerReader) throws(AWSError) -> [String: String] {
        var tags: [String: String] = [:]
        for (i, t) in (try r.optionalArray(o, "Tags", in: path) ?? []).enumerated() {
            let tp = AnswerReader.join(path, "Tags[\(i)]")
            let to = try r.object(t, tp)
            tags[try r.string(to, "Key", in: tp)] = try r.optionalString(to, "Value", in: tp) ?? ""
        }
        return tags
    }
}

extension SecretValue {
    /// Decodes a `SecretValues[]` entry or a `GetSecretValue` answer strictly.
    init(json: JSONValue, path: String, reader r: AnswerReader) throws(AWSError) {
        let o = try r.object(json, path)
        let name = try r.string(o, "Name", in: path)
        let payload: Payload
        if let s = try r.optionalString(o, "SecretString", in: path) {
            payload = .string(s)
        } else if let b = try r.optionalString(o, "SecretBinary", in: path) {
            guard let bytes = Encoding.base64Decode(b) else { throw r.malformed(AnswerReader.join(path, "SecretBinary"), "malformed base64 in") }
            payload = .binary(bytes)
        } else {
            throw r.malformed("\(AnswerReader.join(path, "SecretString")) (or SecretBinary) for \(name)", "no")
        }
        self.init(name: name, arn: try r.optionalString(o, "ARN", in: path), versionID: try r.optionalString(o, "VersionId", in: path),
                  payload: payload)
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
