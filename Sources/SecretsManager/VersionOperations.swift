import AWSClient

/// One version of a secret as `ListSecretVersionIds` lists it.
public struct SecretVersion: Sendable, Equatable {
    public var versionID: String
    public var stages: [String]
    public var createdDate: Double?
    public var lastAccessedDate: Double?

    public init(versionID: String, stages: [String] = [], createdDate: Double? = nil, lastAccessedDate: Double? = nil) {
        self.versionID = versionID
        self.stages = stages
        self.createdDate = createdDate
        self.lastAccessedDate = lastAccessedDate
    }

    /// Decodes one `Versions[]` entry strictly.
    init(json: JSONValue, path: String, reader r: AnswerReader) throws(AWSError) {
        let o = try r.object(json, path)
        var stages: [String] = []
        for (i, l) in (try r.optionalArray(o, "VersionStages", in: path) ?? []).enumerated() {
            guard let s = l.string else { throw r.malformed("\(path).VersionStages[\(i)]", "a non-string") }
            stages.append(s)
        }
        self.init(versionID: try r.string(o, "VersionId", in: path), stages: stages,
                  createdDate: try r.optionalDate(o, "CreatedDate", in: path),
                  lastAccessedDate: try r.optionalDate(o, "LastAccessedDate", in: path))
    }

    /// A version with no staging label is deprecated: the service deletes it in time.
    public var isDeprecated: Bool { stages.isEmpty }
}

extension SecretsManagerClient {
    /// The input of one `ListSecretVersionIds` page, deprecated versions included.
    public static func listVersionsCall(id: String, nextToken: String?) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = ["SecretId": .string(id), "IncludeDeprecated": .bool(true), "MaxResults": .number("100")]
        if let t = nextToken { input["NextToken"] = .string(t) }
        return .init("ListSecretVersionIds", .object(input))
    }

    /// Decodes one `ListSecretVersionIds` page.
    public static func listVersionsPage(_ json: JSONValue) throws(AWSError) -> (versions: [SecretVersion], nextToken: String?) {
        let r = AnswerReader(operation: "ListSecretVersionIds")
        let o = try r.object(json)
        var versions: [SecretVersion] = []
        for (i, v) in try r.array(o, "Versions", in: "").enumerated() {
            versions.append(try SecretVersion(json: v, path: "Versions[\(i)]", reader: r))
        }
        return (versions, try r.nextToken(o))
    }

    /// Every version of a secret, newest first (by creation date).
    public func listVersions(id: String) throws(AWSError) -> [SecretVersion] {
        let all = try walkPages({ Self.listVersionsCall(id: id, nextToken: $0) }, decode: Self.listVersionsPage)
        return all.sorted { ($0.createdDate ?? 0, $0.versionID) > ($1.createdDate ?? 0, $1.versionID) }
    }

    /// The input of an `UpdateSecretVersionStage` call taking `stage` off `versionID`.
    public static func removeStageCall(id: String, stage: String, versionID: String) -> AWSJSONClient.Call {
        .init("UpdateSecretVersionStage", .object([
            "SecretId": .string(id), "VersionStage": .string(stage), "RemoveFromVersionId": .string(versionID),
        ]))
    }

    /// The input of an `UpdateSecretVersionStage` call moving `stage` from `fromVersionID` to `toVersionID`
    /// (for `AWSCURRENT` the service then labels the old version `AWSPREVIOUS`).
    public static func moveStageCall(id: String, stage: String, to toVersionID: String, from fromVersionID: String) -> AWSJSONClient.Call {
        .init("UpdateSecretVersionStage", .object([
            "SecretId": .string(id), "VersionStage": .string(stage),
            "MoveToVersionId": .string(toVersionID), "RemoveFromVersionId": .string(fromVersionID),
        ]))
    }
}
