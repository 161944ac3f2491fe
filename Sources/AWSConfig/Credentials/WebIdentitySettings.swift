/// `AssumeRoleWithWebIdentity` with an OIDC token from a file: the profile's `web_identity_token_file`
/// and `role_arn`, else `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`
/// (CI runners, EKS IRSA). The token is read when fetching, not when planning.
public struct WebIdentitySettings: Sendable, Equatable {
    public var tokenFile: String
    public var roleARN: String
    public var sessionName: String?
    /// Where the settings came from, for messages: `profile dev` or `AWS_WEB_IDENTITY_TOKEN_FILE`.
    public var from: String
    /// The profile in use when planned (its STS endpoint settings apply to the call).
    public var profile: String

    /// nil when not configured; half a configuration is an error naming the missing half.
    /// `profileOnly` (a source profile): the environment variables do not apply.
    static func plan(_ context: CredentialContext, profileOnly: Bool) throws(AWSError) -> CredentialPlan? {
        let p = context.profile
        func v(_ k: String) -> String? { p[k].flatMap { $0.isEmpty ? nil : $0 } }
        let s: WebIdentitySettings
        if let file = v("web_identity_token_file") {
            guard let arn = v("role_arn") else {
                throw AWSError(.configuration, "profile \(context.profileName) has web_identity_token_file but no role_arn",
                               hint: "add role_arn = arn:aws:iam::<account>:role/<name> to profile \(context.profileName)")
            }
            s = WebIdentitySettings(tokenFile: context.env.expandTilde(file), roleARN: arn, sessionName: v("role_session_name"),
                                    from: "profile \(context.profileName)", profile: context.profileName)
        } else {
            guard !profileOnly, let file = context.env["AWS_WEB_IDENTITY_TOKEN_FILE"] else { return nil }
            guard let arn = context.env["AWS_ROLE_ARN"] else {
                throw AWSError(.configuration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
                               hint: "set AWS_ROLE_ARN to the role to assume, or unset AWS_WEB_IDENTITY_TOKEN_FILE")
            }
            s = WebIdentitySettings(tokenFile: file, roleARN: arn, sessionName: context.env["AWS_ROLE_SESSION_NAME"],
                                    from: "AWS_WEB_IDENTITY_TOKEN_FILE", profile: context.profileName)
        }
        return CredentialPlan(.webIdentity(s), identity: "webid:" + s.roleARN,
                              cacheKey: "webid:\(s.roleARN)|session:\(s.sessionName ?? "")")
    }
}
