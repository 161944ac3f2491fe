import AWSCore

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

    init?(json: JSONValue) {
        guard let id = json["VersionId"]?.string else { return nil }
        self.init(versionID: id, stages: json["VersionStages"]?.array?.compactMap(\.string) ?? [],
                  createdDate: json["CreatedDate"]?.double, lastAccessedDate: json["LastAccessedDate"]?.double)
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
    public static func listVersionsPage(_ json: JSONValue) -> (versions: [SecretVersion], nextToken: String?) {
        ((json["Versions"]?.array ?? []).compactMap(SecretVersion.init(json:)), nextToken(json))
    }

    /// Every version of a secret, newest first (by creation date).
    public func listVersions(id: String) throws(AWSError) -> [SecretVersion] {
        var all: [SecretVersion] = [], token: String?
        repeat {
            let page = Self.listVersionsPage(try send(Self.listVersionsCall(id: id, nextToken: token)))
            all += page.versions
            token = page.nextToken
        } while token != nil
        return all.sorted { ($0.createdDate ?? 0, $0.versionID) > ($1.createdDate ?? 0, $1.versionID) }
    }

    /// The input of an `UpdateSecretVersionStage` call taking `stage` off `versionID`.
    public static func removeStageCall(id: String, stage: String, versionID: String) -> AWSJSONClient.Call {
        .init("UpdateSecretVersionStage", .object([
            "SecretId": .string(id), "VersionStage": .string(stage), "RemoveFromVersionId": .string(versionID),
        ]))
    }
}
