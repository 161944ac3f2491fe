extension CredentialPlan {
    /// The credentials this plan names. Fetched ones go through the context's credential cache under
    /// the plan's `cacheKey`: the key and the fetch come from the same parse. Whatever the source, the
    /// values are checked for control characters here, the one door to signing (`HeaderSafety`).
    public func fetch(_ context: CredentialContext) throws(AWSError) -> Credentials {
        if case .keys(let c) = source { return try c.checkedForHeaders() }
        return try context.cached(cacheKey) { () throws(AWSError) -> Credentials in
            switch source {
            case .keys(let c): return c
            case .role(let s, let from): return try RoleFetch.fetch(s, source: from, context: context)
            case .webIdentity(let s): return try WebIdentityFetch.fetch(s, context: context)
            case .sso(let s): return try SSOFetch.fetch(s, context: context)
            case .process(let command, let profile): return try ProcessFetch.run(command, profile: profile, context: context)
            case .container(let s): return try ContainerFetch.fetch(s, context: context)
            case .instanceMetadata(let s): return try IMDSFetch.fetch(s, context: context)
            }
        }
    }
}

/// The credential chain of the AWS CLI v2: the plan for the profile in use, then its fetch.
public enum CredentialChain {
    /// The run's credentials, or an error naming every source tried (and why IMDS had none).
    public static func resolve(_ context: CredentialContext) throws(AWSError) -> Credentials {
        guard let plan = try CredentialPlan.make(context) else { throw CredentialPlan.noCredentials(context) }
        do {
            return try plan.fetch(context)
        } catch where error.kind == .noCredentials {
            throw CredentialPlan.noCredentials(context, notes: [error.message])
        }
    }
}
