/// A profile's `role_arn`: assumed with the credentials of its `source_profile` (followed through
/// chains of roles, loops refused) or its `credential_source` (`Environment`, `Ec2InstanceMetadata`,
/// `EcsContainer`), with `external_id`, `role_session_name`, `duration_seconds` and `mfa_serial`.
public struct RoleSettings: Sendable, Equatable {
    public var roleARN: String
    public var externalID: String?
    public var sessionName: String?
    /// `duration_seconds`, checked to lie in 900...43200.
    public var durationSeconds: Int?
    public var mfaSerial: String?
    /// The profile that names the role.
    public var profile: String

    /// The role's plan for the profile in `context`; nil unless it has `role_arn` (and is not a web identity profile).
    static func plan(_ context: CredentialContext, visited: [String]) throws(AWSError) -> CredentialPlan? {
        let p = context.profile, name = context.profileName
        func v(_ k: String) -> String? { p[k].flatMap { $0.isEmpty ? nil : $0 } }
        guard let arn = v("role_arn"), v("web_identity_token_file") == nil else { return nil }
        var duration: Int?
        if let d = v("duration_seconds") {
            guard let n = Int(d), (900...43_200).contains(n) else {
                throw AWSError(.configuration, "duration_seconds in profile \(name) must be between 900 and 43200 (got \(d))",
                               hint: "set duration_seconds = 3600, or remove it")
            }
            duration = n
        }
        let s = RoleSettings(roleARN: arn, externalID: v("external_id"), sessionName: v("role_session_name"),
                             durationSeconds: duration, mfaSerial: v("mfa_serial"), profile: name)
        let source = try sourcePlan(context, sourceProfile: v("source_profile"), credentialSource: v("credential_source"),
                                    visited: visited)
        let identity = "role:\(arn)|source:\(source.identity)"
        let cacheKey = identity + "|session:\(s.sessionName ?? "")|external:\(s.externalID ?? "")|duration:\(duration ?? 0)|mfa:\(s.mfaSerial ?? "")"
        return CredentialPlan(.role(s, source: source), identity: identity, cacheKey: cacheKey)
    }

    /// Where the role's source credentials come from.
    static func sourcePlan(_ ctx: CredentialContext, sourceProfile: String?, credentialSource: String?,
                           visited: [String]) throws(AWSError) -> CredentialPlan {
        let name = ctx.profileName
        switch (sourceProfile, credentialSource) {
        case (.some, .some):
            throw AWSError(.configuration, "profile \(name) has both source_profile and credential_source",
                           hint: "keep one of them: source_profile names a profile, credential_source names Environment, Ec2InstanceMetadata or EcsContainer")
        case (nil, nil):
            throw AWSError(.configuration, "profile \(name) has role_arn but no source_profile or credential_source",
                           hint: "add source_profile = <profile with credentials> to profile \(name)")
        case (let sp?, nil):
            let path = visited + [name]
            if sp == name {
                guard StaticKeys.hasKeys(ctx.profile), let keys = try StaticKeys.profile(ctx, files: .both) else {
                    throw AWSError(.configuration, "profile \(name) is its own source_profile but has no keys",
                                   hint: "add aws_access_key_id and aws_secret_access_key to profile \(name), or name another source_profile")
                }
                return keys
            }
            if path.contains(sp) {
                throw AWSError(.configuration, "source_profile loop: " + (path + [sp]).joined(separator: " -> "),
                               hint: "make one profile in the loop use keys, SSO or credential_process instead of source_profile")
            }
            guard ctx.shared.hasProfile(sp) else {
                throw AWSError(.configuration,
                               "profile \(name) has source_profile = \(sp), but there is no profile \(sp) in \(ctx.shared.configPath) or \(ctx.shared.credentialsPath)",
                               hint: "add profile \(sp), or fix source_profile in profile \(name)")
            }
            guard let plan = try CredentialPlan.forSourceProfile(ctx.forProfile(sp), visited: path) else {
                throw AWSError(.configuration, "source profile \(sp) (of profile \(name)) has no credentials",
                               hint: "give profile \(sp) keys, sso settings, credential_process or a role of its own")
            }
            return plan
        case (nil, let cs?):
            // A credential_source reads its source as the chain would, not tied to the profile flag.
            var c = ctx
            c.profileFromFlag = false
            let plan: CredentialPlan?, label: String
            switch cs {
            case "Environment": (plan, label) = (try StaticKeys.environment(c), "environment")
            case "Ec2InstanceMetadata": (plan, label) = (try IMDSSettings.plan(c), "instance metadata (IMDS)")
            case "EcsContainer": (plan, label) = (try ContainerSettings.plan(c), "container credentials")
            default:
                throw AWSError(.configuration, "profile \(name) has credential_source = \(cs), which is not Environment, Ec2InstanceMetadata or EcsContainer",
                               hint: "use one of those three, or source_profile")
            }
            guard let plan else {
                throw AWSError(.configuration, "profile \(name) takes its source from \(label), which has no credentials",
                               hint: "check credential_source in profile \(name)")
            }
            return plan
        }
    }
}
