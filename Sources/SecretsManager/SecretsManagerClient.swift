import AWSCore
import LWCrypto


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

    /// Decodes one `ListSecrets` page.
    public static func listSecretsPage(_ json: JSONValue) -> (entries: [SecretEntry], nextToken: String?) {
        ((json["SecretList"]?.array ?? []).compactMap(SecretEntry.init(json:)), nextToken(json))
    }

    /// Every secret whose name starts with `namePrefix`, following `NextToken` to the end (up to `maxPages`).
    public func listSecrets(namePrefix: String?, maxPages: Int = .max) throws(AWSError) -> [SecretEntry] {
        var all: [SecretEntry] = [], token: String?, pages = 0
        repeat {
            let page = Self.listSecretsPage(try client.call("ListSecrets", Self.listSecretsCall(namePrefix: namePrefix, nextToken: token).input))
            all += page.entries
            token = page.nextToken
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

    /// Decodes a `BatchGetSecretValue` answer.
    public static func batchGetPage(_ json: JSONValue) throws(AWSError) -> (values: [SecretValue], errors: [SecretError], nextToken: String?) {
        // A member of the wrong type is a malformed answer, not an empty page (which, with
        // --allow-empty, would start the command without its secrets).
        for (key, ok) in [("SecretValues", json["SecretValues"].map { $0.array != nil }), ("Errors", json["Errors"].map { $0.array != nil }),
                          ("NextToken", json["NextToken"].map { $0.string != nil })] where ok == false {
            throw AWSError(.malformedResponse, "BatchGetSecretValue answered a malformed \(key)", operation: "BatchGetSecretValue")
        }
        var values: [SecretValue] = []
        for v in json["SecretValues"]?.array ?? [] { values.append(try SecretValue(json: v, operation: "BatchGetSecretValue")) }
        let errors = (json["Errors"]?.array ?? []).map { e in
            SecretError(secretID: e["SecretId"]?.string ?? "?",
                        code: ErrorDecoding.cleanCode(e["ErrorCode"]?.string ?? "Error"),
                        message: e["Message"]?.string ?? "")
        }
        return (values, errors, nextToken(json))
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
        try SecretValue(json: json, operation: "GetSecretValue")
    }

    /// A `NextToken` that is present and not empty.
    static func nextToken(_ json: JSONValue) -> String? {
        guard let t = json["NextToken"]?.string, !t.isEmpty else { return nil }
        return t
    }
}
