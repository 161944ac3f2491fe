// libFuzzer target: decoding of Secrets Manager answers (BatchGetSecretValue, ListSecrets,
// GetSecretValue pages) from arbitrary bytes, as AWSJSONClient would hand them over.
// Invariants: no crash or hang; a malformed answer is an AWSError, never a trap.
import AWSCore
import SecretsManager

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let json = try? JSON.parse(bytes) else { return 0 }
    if let page = try? SecretsManagerClient.batchGetPage(json) {
        // A page only decodes when its members have the right types: a SecretValues that is not
        // a list is malformed, never an empty page.
        if let sv = json["SecretValues"] { precondition(sv.array?.count == page.values.count, "SecretValues of the wrong type accepted") }
        if let t = page.nextToken { precondition(!t.isEmpty, "empty NextToken kept") }
    }
    let list = SecretsManagerClient.listSecretsPage(json)
    if let t = list.nextToken { precondition(!t.isEmpty, "empty NextToken kept") }
    _ = try? SecretsManagerClient.getValue(json)
    return 0
}
