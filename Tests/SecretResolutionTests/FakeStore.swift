@testable import SecretResolution
import SecretsManager

/// An in-memory store that answers like the service: loose prefix matches included, so the resolver's own filtering is exercised.
struct FakeStore: SecretStore {
    var secrets: [String: SecretValue.Payload]

    init(_ strings: [String: String], binary: [String: [UInt8]] = [:]) {
        var all: [String: SecretValue.Payload] = strings.mapValues { .string($0) }
        for (k, v) in binary { all[k] = .binary(v) }
        secrets = all
    }

    func fetch(prefixes: [String], names: [String], recursive: Bool) throws(ResolutionError) -> FetchedSecrets {
        var out = FetchedSecrets()
        for p in prefixes {
            // Like the service's filter: a case-insensitive prefix match, without the boundary rule.
            let loose = p.lowercased()
            out.byPrefix[p] = secrets.keys.filter { $0.lowercased().hasPrefix(loose) }.map { SecretValue(name: $0, payload: secrets[$0]!) }
        }
        for n in names { if let v = secrets[n] { out.byName[n] = SecretValue(name: n, payload: v) } }
        return out
    }

    func namesForSuggestions(near prefix: String) -> [String] { Array(secrets.keys) }
}

func resolve(_ store: FakeStore, _ request: ResolutionRequest) throws(ResolutionError) -> [String: String] {
    let r = try Resolver(request: request).resolve(using: store)
    return Dictionary(uniqueKeysWithValues: r.variables.map { ($0.name, $0.value) })
}
