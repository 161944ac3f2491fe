/// A profile with `role_arn`: STS `AssumeRole` signed with the credentials of its `source_profile`
/// (recursively) or `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`),
/// with `external_id`, `role_session_name`, `duration_seconds` and `mfa_serial`.
public struct AssumeRoleCredentialProvider: IdentifiedCredentialProvider {
    public init() {}

    public func describe(_ context: CredentialContext) -> String {
        "role_arn of profile \(context.profileName)"
    }

    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        guard Self.roleSettings(context.profile) != nil else { return nil }
        return try Self.identity(context, visited: [])
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        guard Self.roleSettings(context.profile) != nil else { return nil }
        return try Self.assume(context, visited: [])
    }

    /// The role settings of a profile: nil unless it has `role_arn` (and is not a web identity profile).
    struct Settings {
        var roleARN: String
        var sourceProfile: String?
        var credentialSource: String?
        var externalID: String?
        var sessionName: String?
        var duration: String?
        var mfaSerial: String?
    }

    static func roleSettings(_ p: [String: String]) -> Settings? {
        func v(_ k: String) -> String? { p[k].flatMap { $0.isEmpty ? nil : $0 } }
        guard let arn = v("role_arn"), v("web_identity_token_file") == nil else { return nil }
        return Settings(roleARN: arn, sourceProfile: v("source_profile"), credentialSource: v("credential_source"),
                        externalID: v("external_id"), sessionName: v("role_session_name"), duration: v("duration_seconds"),
                        mfaSerial: v("mfa_serial"))
    }

    /// Checks the settings of the profile in `ctx` and where its source is.
    static func validated(_ ctx: CredentialContext, visited: [String]) throws(AWSError) -> (Settings, Source) {
        let s = roleSettings(ctx.profile)!
        let name = ctx.profileName
        switch (s.sourceProfile, s.credentialSource) {
        case (.some, .some):
            throw AWSError(.configuration, "profile \(name) has both source_profile and credential_source",
                           hint: "keep one of them: source_profile names a profile, credential_source names Environment, Ec2InstanceMetadata or EcsContainer")
        case (nil, nil):
            throw AWSError(.configuration, "profile \(name) has role_arn but no source_profile or credential_source",
                           hint: "add source_profile = <profile with credentials> to profile \(name)")
        case (let sp?, nil):
            let path = visited + [name]
            if sp == name {
                guard ProfileSourceResolver.hasStaticKeys(ctx) else {
                    throw AWSError(.configuration, "profile \(name) is its own source_profile but has no keys",
                                   hint: "add aws_access_key_id and aws_secret_access_key to profile \(name), or name another source_profile")
                }
                return (s, .ownKeys)
            }
            if path.contains(sp) {
                throw AWSError(.configuration, "source_profile loop: " + (path + [sp]).joined(separator: " -> "),
                               hint: "make one profile in the loop use keys, SSO or credential_process instead of source_profile")
            }
            return (s, .profile(sp, path))
        case (nil, let cs?):
            switch cs {
            case "Environment": return (s, .provider(EnvironmentCredentialProvider(), "environment"))
            case "Ec2InstanceMetadata": return (s, .provider(IMDSCredentialProvider(), "instance metadata (IMDS)"))
            case "EcsContainer": return (s, .provider(ContainerCredentialProvider(), "container credentials"))
            default:
                throw AWSError(.configuration, "profile \(name) has credential_source = \(cs), which is not Environment, Ec2InstanceMetadata or EcsContainer",
                               hint: "use one of those three, or source_profile")
            }
        }
    }

    /// Where the source credentials come from.
    enum Source {
        case ownKeys
        case profile(String, [String])
        case provider(any IdentifiedCredentialProvider, String)
    }

    /// The network-free identity of the role of the profile in `ctx`.
    static func identity(_ ctx: CredentialContext, visited: [String]) throws(AWSError) -> String {
        let (s, source) = try validated(ctx, visited: visited)
        let sourceID: String
        switch source {
        case .ownKeys: sourceID = "key:" + (ctx.profile["aws_access_key_id"] ?? "")
        case .profile(let sp, let path): sourceID = try ProfileSourceResolver.identity(sp, ctx, visited: path)
        case .provider(let p, let label):
            guard let id = try p.identityKey(sourceContext(ctx)) else { throw noSourceCredentials(ctx, label) }
            sourceID = id
        }
        return "role:\(s.roleARN)|source:\(sourceID)"
    }

    /// The context a `credential_source` provider reads: the same, but not tied to the profile flag.
    static func sourceContext(_ ctx: CredentialContext) -> CredentialContext {
        var c = ctx
        c.profileFromFlag = false
        return c
    }

    /// A `credential_source` that has nothing to give: one message for keying and for assuming.
    static func noSourceCredentials(_ ctx: CredentialContext, _ label: String) -> AWSError {
        AWSError(.configuration, "profile \(ctx.profileName) takes its source from \(label), which has no credentials",
                 hint: "check credential_source in profile \(ctx.profileName)")
    }

    /// Assumes the role of the profile in `ctx` (source first, through the cache).
    static func assume(_ ctx: CredentialContext, visited: [String]) throws(AWSError) -> Credentials {
        let (s, source) = try validated(ctx, visited: visited)
        let name = ctx.profileName
        let identity = try self.identity(ctx, visited: visited)
        var duration: Int?
        if let d = s.duration {
            guard let n = Int(d), (900...43_200).contains(n) else {
                throw AWSError(.configuration, "duration_seconds in profile \(name) must be between 900 and 43200 (got \(d))",
                               hint: "set duration_seconds = 3600, or remove it")
            }
            duration = n
        }
        let key = identity + "|session:\(s.sessionName ?? "")|external:\(s.externalID ?? "")|duration:\(duration ?? 0)|mfa:\(s.mfaSerial ?? "")"
        return try ctx.cached(key) { () throws(AWSError) -> Credentials in
            let sourceCreds: Credentials
            switch source {
            case .ownKeys:
                guard let c = try ProfileStaticCredentialProvider().load(ctx) else { fatalError("checked above") }
                sourceCreds = c
            case .profile(let sp, let path):
                sourceCreds = try ProfileSourceResolver.credentials(sp, ctx, visited: path)
            case .provider(let p, let label):
                guard let c = try p.load(sourceContext(ctx)) else { throw noSourceCredentials(ctx, label) }
                sourceCreds = c
            }
            var input = STSClient.AssumeRoleInput(roleARN: s.roleARN, sessionName: s.sessionName ?? "lwexec-\(Clock.epochSeconds())",
                                                  externalID: s.externalID, durationSeconds: duration)
            if let serial = s.mfaSerial {
                input.mfaSerial = serial
                input.mfaCode = try ctx.mfaCode(serial)
            }
            ctx.log.debug("assuming \(s.roleARN) with credentials from \(sourceCreds.source)")
            return try STSClient(ctx).assumeRole(input, source: sourceCreds,
                                                 label: "role \(s.roleARN) (profile \(name), from \(sourceCreds.source))")
        }
    }
}
