/// Where the credentials of a run come from, decided once from the environment and the shared files
/// (no network call, no process run).
///
/// One parse of the profile yields both the identity that keys the keyring cache and the source that
/// `AWSClient` fetches from, so the two cannot disagree: a cache key always names what is fetched.
/// The order is the AWS CLI v2's chain: environment, the profile's role, web identity, SSO, the
/// credentials file, `credential_process`, the config file, the container endpoint, IMDS.
public struct CredentialPlan: Sendable, Equatable {
    /// What to fetch (or, for keys, what was found).
    public indirect enum Source: Sendable, Equatable {
        /// Keys from the environment or a profile: nothing to fetch.
        case keys(Credentials)
        /// STS `AssumeRole` signed with the credentials of `source`.
        case role(RoleSettings, source: CredentialPlan)
        /// STS `AssumeRoleWithWebIdentity` with the token in a file.
        case webIdentity(WebIdentitySettings)
        /// IAM Identity Center: the cached login token, then `GetRoleCredentials`.
        case sso(SSOSettings)
        /// `credential_process` of a profile.
        case process(command: String, profile: String)
        /// The ECS/EKS container endpoint.
        case container(ContainerSettings)
        /// The EC2 instance's role, from IMDS.
        case instanceMetadata(IMDSSettings)
    }

    public let source: Source
    /// Who the caller will be (e.g. `key:AKIA...`, `role:<arn>|source:<identity>`): keys the keyring
    /// cache, so another identity never gets values cached for this one.
    public let identity: String
    /// Where fetched temporary credentials are kept between runs: the identity, plus whatever else
    /// changes what is fetched (a role's session name, duration, external id, MFA device).
    public let cacheKey: String

    init(_ source: Source, identity: String, cacheKey: String? = nil) {
        self.source = source
        self.identity = identity
        self.cacheKey = cacheKey ?? identity
    }

    /// The plan for the profile of `context`: the first configured source of the chain; nil when none is
    /// (IMDS disabled and nothing else set). A source configured by halves is an error that names it.
    public static func make(_ context: CredentialContext) throws(AWSError) -> CredentialPlan? {
        if context.profileExplicit, !context.shared.hasProfile(context.profileName), context.profileName != "default" {
            throw AWSError(.configuration,
                           "profile \(context.profileName) is not in \(context.shared.configPath) or \(context.shared.credentialsPath)",
                           hint: profileHint(context))
        }
        if let p = try StaticKeys.environment(context) { return p }
        if let p = try RoleSettings.plan(context, visited: []) { return p }
        if let p = try WebIdentitySettings.plan(context, profileOnly: false) { return p }
        if let p = try SSOSettings.plan(context) { return p }
        if let p = try StaticKeys.profile(context, files: .credentials) { return p }
        if let p = processPlan(context) { return p }
        if let p = try StaticKeys.profile(context, files: .config) { return p }
        if let p = try ContainerSettings.plan(context) { return p }
        return try IMDSSettings.plan(context)
    }

    /// The plan of a profile used as a role's `source_profile`: its own role (when it has no keys),
    /// else web identity (from the profile only), SSO, keys, `credential_process` — as botocore does.
    static func forSourceProfile(_ context: CredentialContext, visited: [String]) throws(AWSError) -> CredentialPlan? {
        if !StaticKeys.hasKeys(context.profile), let p = try RoleSettings.plan(context, visited: visited) { return p }
        if let p = try WebIdentitySettings.plan(context, profileOnly: true) { return p }
        if let p = try SSOSettings.plan(context) { return p }
        if let p = try StaticKeys.profile(context, files: .credentials) { return p }
        if let p = processPlan(context) { return p }
        return try StaticKeys.profile(context, files: .config)
    }

    static func processPlan(_ context: CredentialContext) -> CredentialPlan? {
        guard let command = context.profile["credential_process"], !command.isEmpty else { return nil }
        return CredentialPlan(.process(command: command, profile: context.profileName), identity: "process:" + command)
    }

    /// Every source of the chain, as "no AWS credentials found (tried: ...)" lists them.
    public static func sourcesTried(_ context: CredentialContext) -> [String] {
        let name = context.profileName, shared = context.shared
        return [
            "environment (AWS_ACCESS_KEY_ID)",
            "role_arn of profile \(name)",
            "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)",
            "sso settings of profile \(name)",
            "profile \(name) in \(shared.credentialsPath)",
            "credential_process of profile \(name)",
            "profile \(name) in \(shared.configPath)",
            "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)",
            IMDSSettings.isDisabled(context) ? "instance metadata (disabled by AWS_EC2_METADATA_DISABLED)" : "instance metadata (IMDS)",
        ]
    }

    /// The error when no source is configured; `notes` say why a source that was tried had nothing.
    public static func noCredentials(_ context: CredentialContext, notes: [String] = []) -> AWSError {
        AWSError(.noCredentials, "no AWS credentials found (tried: \(sourcesTried(context).joined(separator: "; ")))"
                 + notes.map { "; " + $0 }.joined(),
                 hint: "set AWS_PROFILE or --profile to a configured profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    }

    private static func profileHint(_ context: CredentialContext) -> String {
        let names = context.shared.profileNames
        if names.isEmpty { return "configure it with `aws configure --profile \(context.profileName)`" }
        return "known profiles: " + names.joined(separator: ", ")
    }
}
