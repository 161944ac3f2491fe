/// Credentials (or the identity) of a named profile used as a role's `source_profile`, following
/// chains of roles with loop detection, the way botocore does:
/// a source profile with static keys uses its own sources (web identity, SSO, keys, process);
/// one with only `role_arn` is itself an assumed role; a profile naming itself uses its own keys.
enum ProfileSourceResolver {
    /// The sources a source profile may use, in order (no environment, container or IMDS).
    static let profileProviders: [any IdentifiedCredentialProvider] = [
        WebIdentityCredentialProvider(profileOnly: true),
        SSOCredentialProvider(),
        ProfileStaticCredentialProvider(files: .credentials),
        ProcessCredentialProvider(),
        ProfileStaticCredentialProvider(files: .config),
    ]

    /// Credentials of profile `name`, reached from the profiles in `visited` (in order).
    static func credentials(_ name: String, _ context: CredentialContext, visited: [String]) throws(AWSError) -> Credentials {
        let ctx = try profileContext(name, context, visited: visited)
        if !hasStaticKeys(ctx), AssumeRoleCredentialProvider.roleSettings(ctx.profile) != nil {
            return try AssumeRoleCredentialProvider.assume(ctx, visited: visited)
        }
        for p in profileProviders {
            if let c = try p.load(ctx) { return c }
        }
        throw noSource(name, visited)
    }

    /// The identity of profile `name` as a source, without network calls.
    static func identity(_ name: String, _ context: CredentialContext, visited: [String]) throws(AWSError) -> String {
        let ctx = try profileContext(name, context, visited: visited)
        if !hasStaticKeys(ctx), AssumeRoleCredentialProvider.roleSettings(ctx.profile) != nil {
            return try AssumeRoleCredentialProvider.identity(ctx, visited: visited)
        }
        for p in profileProviders {
            if let k = try p.identityKey(ctx) { return k }
        }
        throw noSource(name, visited)
    }

    /// The context for the profile, after checking it exists.
    static func profileContext(_ name: String, _ context: CredentialContext, visited: [String]) throws(AWSError) -> CredentialContext {
        guard context.shared.hasProfile(name) else {
            let from = visited.last ?? context.profileName
            throw AWSError(.configuration,
                           "profile \(from) has source_profile = \(name), but there is no profile \(name) in \(context.shared.configPath) or \(context.shared.credentialsPath)",
                           hint: "add profile \(name), or fix source_profile in profile \(from)")
        }
        return context.forProfile(name)
    }

    static func hasStaticKeys(_ ctx: CredentialContext) -> Bool {
        let p = ctx.profile
        return !(p["aws_access_key_id"] ?? "").isEmpty && !(p["aws_secret_access_key"] ?? "").isEmpty
    }

    static func noSource(_ name: String, _ visited: [String]) -> AWSError {
        AWSError(.configuration, "source profile \(name) (of profile \(visited.last ?? name)) has no credentials",
                 hint: "give profile \(name) keys, sso settings, credential_process or a role of its own")
    }
}
