import AWSClient
import SecretResolution


/// Typed Secrets Manager operations over a signed JSON client.
public final class SecretsManagerClient {
    public let client: AWSJSONClient

    public init(client: AWSJSONClient) {
        self.client = client
    }

    /// The largest `SecretIdList` and `MaxResults` a `BatchGetSecretValue` call takes.
    public static let batchLimit = 20
    /// The largest page `ListSecrets` returns.
    public static let listPageLimit = 100

    // MARK: ListSecrets

    /// The input of one `ListSecrets` page whose names start with `namePrefix` (the service matches loosely).
    public static func listSecretsCall(namePrefix: String?, nextToken: String?, maxResults: Int = listPageLimit) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = ["MaxResults": .number(String(maxResults))]
        if let p = namePrefix { input["Filters"] = .array([.object(["Key": .string("name"), "Values": .array([.string(p)])])]) }
        if let t = nextToken { input["NextToken"] = .string(t) }
        return .init("ListSecrets", .object(input))
    }

    /// Decodes one `ListSecrets` page strictly: `SecretList` must be a list of entries that each have a `Name`.
    public static func listSecretsPage(_ json: JSONValue) throws(AWSError) -> (entries: [SecretEntry], nextToken: String?) {
        let r = AnswerReader(operation: "ListSecrets")
        let o = try r.object(json)
        var entries: [SecretEntry] = []
        for (i, e) in try r.array(o, "SecretList", in: "").enumerated() {
            entries.append(try SecretEntry(json: e, path: "SecretList[\(i)]", reader: r))
        }
        return (entries, try r.nextToken(o))
    }

    /// Every secret whose name starts with `namePrefix`, following `NextToken` to the end (up to `maxPages`).
    public func listSecrets(namePrefix: String?, maxPages: Int = .max) throws(AWSError) -> [SecretEntry] {
        try walkPages(maxPages: maxPages, { Self.listSecretsCall(namePrefix: namePrefix, nextToken: $0) }, decode: Self.listSecretsPage)
    }

    /// Every item of a paged listing: `call` for each page (given the token), `decode` for its items
    /// and next token, until there is none or `maxPages` were read; a token that repeats is an error.
    func walkPages<Item>(maxPages: Int = .max, _ call: (String?) -> AWSJSONClient.Call,
                         decode: (JSONValue) throws(AWSError) -> ([Item], String?)) throws(AWSError) -> [Item] {
        var all: [Item] = [], token: String?, pages = 0
        var walk: PageWalk?
        repeat {
            let c = call(token)
            if walk == nil { walk = PageWalk(operation: c.operation) }
            let (items, next) = try decode(try client.call(c.operation, c.input))
            all += items
            token = try walk!.next(next)
            pages += 1
        } while token != nil && pages < maxPages
        return all
    }

    // MARK: BatchGetSecretValue

    /// The input of a `BatchGetSecretValue` call by ids (at most 20).
    public static func batchGetCall(ids: [String]) -> AWSJSONClient.Call {
        .init("BatchGetSecretValue", .object(["SecretIdList": .array(ids.map { .string($0) })]))
    }

    /// The input of a `BatchGetSecretValue` call by name filter (pages of at most 20).
    public static func batchGetCall(namePrefix: String, nextToken: String?) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = [
            "Filters": .array([.object(["Key": .string("name"), "Values": .array([.string(namePrefix)])])]),
            "MaxResults": .number(String(batchLimit)),
        ]
        if let t = nextToken { input["NextToken"] = .string(t) }
        return .init("BatchGetSecretValue", .object(input))
    }

    /// Decodes a `BatchGetSecretValue` answer strictly: `SecretValues` must be a list of values with names;
    /// `Errors`, when present, a list of entries with `SecretId` and `ErrorCode`.
    public static func batchGetPage(_ json: JSONValue) throws(AWSError) -> (values: [SecretValue], errors: [SecretError], nextToken: String?) {
        let r = AnswerReader(operation: "BatchGetSecretValue")
        let o = try r.object(json)
        var values: [SecretValue] = []
        for (i, v) in try r.array(o, "SecretValues", in: "").enumerated() {
            values.append(try SecretValue(json: v, path: "SecretValues[\(i)]", reader: r))
        }
        var errors: [SecretError] = []
        for (i, e) in (try r.optionalArray(o, "Errors", in: "") ?? []).enumerated() {
            let path = "Errors[\(i)]"
            let eo = try r.object(e, path)
            errors.append(SecretError(secretID: try r.string(eo, "SecretId", in: path),
                                      code: ErrorDecoding.cleanCode(try r.string(eo, "ErrorCode", in: path)),
                                      message: try r.optionalString(eo, "Message", in: path) ?? ""))
        }
        return (values, errors, try r.nextToken(o))
    }

    // MARK: GetSecretValue

    /// The input of a `GetSecretValue` call.
    public static func getCall(id: String, versionID: String? = nil, stage: String? = nil) -> AWSJSONClient.Call {
        var input: [String: JSONValue] = ["SecretId": .string(id)]
        if let v = versionID { input["VersionId"] = .string(v) }
        if let s = stage { input["VersionStage"] = .string(s) }
        return .init("GetSecretValue", .object(input))
    }

    /// Decodes a `GetSecretValue` answer.
    public static func getValue(_ json: JSONValue) throws(AWSError) -> SecretValue {
        try SecretValue(json: json, path: "the answer", reader: AnswerReader(operation: "GetSecretValue"))
    }
}
