// libFuzzer target: decoding of Secrets Manager answers (BatchGetSecretValue, ListSecrets,
// GetSecretValue, DescribeSecret, ListSecretVersionIds) from arbitrary bytes, as AWSJSONClient
// would hand them over.
// Invariants: no crash or hang; a malformed answer is an AWSError, never a trap; and the property
// behind "never a partial environment": an answer decodes only whole — every entry of its list
// becomes a value (none dropped), or the whole answer is an error.
import AWSClient
import SecretsManager

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let json = try? JSON.parse(bytes) else { return 0 }
    if let page = try? SecretsManagerClient.batchGetPage(json) {
        precondition(json["SecretValues"]?.array?.count == page.values.count, "a SecretValues entry dropped, or a non-list accepted")
        precondition((json["Errors"]?.array?.count ?? 0) == page.errors.count, "an Errors entry dropped")
        if let t = page.nextToken { precondition(!t.isEmpty, "empty NextToken kept") }
    }
    if let list = try? SecretsManagerClient.listSecretsPage(json) {
        precondition(json["SecretList"]?.array?.count == list.entries.count, "a SecretList entry dropped, or a non-list accepted")
        for (entry, raw) in zip(list.entries, json["SecretList"]!.array!) {
            precondition(raw["Name"]?.string == entry.name, "an entry decoded under another name")
        }
        if let t = list.nextToken { precondition(!t.isEmpty, "empty NextToken kept") }
    }
    if let v = try? SecretsManagerClient.getValue(json) { precondition(json["Name"]?.string == v.name) }
    _ = try? SecretsManagerClient.describeSecretAnswer(json)
    if let versions = try? SecretsManagerClient.listVersionsPage(json) {
        precondition(json["Versions"]?.array?.count == versions.versions.count, "a version dropped")
    }
    // Following the same token twice is refused.
    var walk = PageWalk(operation: "ListSecrets")
    if let t = json["NextToken"]?.string {
        precondition((try? walk.next(t)) == t)
        precondition((try? walk.next(t)) == nil, "a repeated NextToken followed")
    }
    return 0
}
