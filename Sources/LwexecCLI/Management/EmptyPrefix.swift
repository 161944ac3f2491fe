import SecretResolution
import SecretsManager

/// What `list` and `lint` say about a prefix that holds no secrets, as exec does: where they
/// looked (region and endpoint), and the closest existing prefixes in the same environment.
enum EmptyPrefix {
    /// "no secrets under /prd in us-east-1 (https://...)"
    static func message(_ prefix: String, ctx: ManagementContext) -> String {
        "no secrets under \(PrefixMatching.normalize(prefix)) in \(ctx.sm.client.region) (\(ctx.sm.client.endpoint.url))"
    }

    /// Up to three existing prefixes close to `prefix` (best effort: none on any failure).
    static func near(_ prefix: String, ctx: ManagementContext) -> [String] {
        let p = PrefixMatching.normalize(prefix)
        return Suggestions.closestPrefixes(to: p, names: SecretsManagerStore(client: ctx.sm, log: ctx.log).namesForSuggestions(near: p))
    }
}
