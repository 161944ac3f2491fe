/// IAM Identity Center (SSO): the profile's `sso_session` (or legacy `sso_start_url`/`sso_region`),
/// `sso_account_id` and `sso_role_name`.
public struct SSOSettings: Sendable, Equatable {
    public var startURL: String
    public var region: String
    public var account: String
    public var role: String
    /// The `sso_session` name; nil for a legacy profile (whose token cannot be refreshed).
    public var session: String?
    /// The profile that uses SSO (named in `aws sso login` hints).
    public var profile: String
    /// The name of the AWS CLI's token cache file for these settings.
    public var tokenCacheKey: String { session ?? startURL }

    /// nil when the profile does not use SSO; a missing piece is an error that names it.
    static func plan(_ context: CredentialContext) throws(AWSError) -> CredentialPlan? {
        let p = context.profile, name = context.profileName
        func v(_ k: String, _ d: [String: String] = p) -> String? { d[k].flatMap { $0.isEmpty ? nil : $0 } }
        guard v("sso_session") != nil || v("sso_start_url") != nil else { return nil }
        var startURL = v("sso_start_url"), region = v("sso_region"), where_ = "profile \(name)"
        if let session = v("sso_session") {
            guard let section = context.shared.config.section("sso-session " + session) else {
                throw AWSError(.configuration, "profile \(name) has sso_session = \(session), but there is no [sso-session \(session)] in \(context.shared.configPath)",
                               hint: "run `aws configure sso` to create it, or fix sso_session")
            }
            startURL = v("sso_start_url", section)
            region = v("sso_region", section)
            where_ = "[sso-session \(session)]"
        }
        guard let startURL else {
            throw AWSError(.configuration, "\(where_) has no sso_start_url", hint: "run `aws configure sso --profile \(name)`")
        }
        guard let region else {
            throw AWSError(.configuration, "\(where_) has no sso_region", hint: "run `aws configure sso --profile \(name)`")
        }
        guard let account = v("sso_account_id") else {
            throw AWSError(.configuration, "profile \(name) uses SSO but has no sso_account_id", hint: "run `aws configure sso --profile \(name)`")
        }
        guard let role = v("sso_role_name") else {
            throw AWSError(.configuration, "profile \(name) uses SSO but has no sso_role_name", hint: "run `aws configure sso --profile \(name)`")
        }
        let s = SSOSettings(startURL: startURL, region: region, account: account, role: role, session: v("sso_session"), profile: name)
        return CredentialPlan(.sso(s), identity: "sso:\(startURL)|\(account)|\(role)")
    }
}
