import AWSHTTP
/// `AssumeRoleWithWebIdentity` with an OIDC token from a file: the profile's `web_identity_token_file`
/// and `role_arn`, else `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME` (CI runners, EKS IRSA).
public struct WebIdentityCredentialProvider: IdentifiedCredentialProvider {
    /// True for a source profile: the environment variables do not apply.
    public var profileOnly: Bool

    public init(profileOnly: Bool = false) {
        self.profileOnly = profileOnly
    }

    public func describe(_ context: CredentialContext) -> String {
        "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"
    }

    struct Settings {
        var tokenFile: String
        var roleARN: String
        var sessionName: String?
        var from: String
    }

    /// The settings in use, or nil; half a configuration is an error naming the missing half.
    func settings(_ context: CredentialContext) throws(AWSError) -> Settings? {
        let p = context.profile
        func v(_ k: String) -> String? { p[k].flatMap { $0.isEmpty ? nil : $0 } }
        if let file = v("web_identity_token_file") {
            guard let arn = v("role_arn") else {
                throw AWSError(.configuration, "profile \(context.profileName) has web_identity_token_file but no role_arn",
                               hint: "add role_arn = arn:aws:iam::<account>:role/<name> to profile \(context.profileName)")
            }
            return Settings(tokenFile: context.env.expandTilde(file), roleARN: arn, sessionName: v("role_session_name"),
                            from: "profile \(context.profileName)")
        }
        guard !profileOnly, let file = context.env["AWS_WEB_IDENTITY_TOKEN_FILE"] else { return nil }
        guard let arn = context.env["AWS_ROLE_ARN"] else {
            throw AWSError(.configuration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
                           hint: "set AWS_ROLE_ARN to the role to assume, or unset AWS_WEB_IDENTITY_TOKEN_FILE")
        }
        return Settings(tokenFile: file, roleARN: arn, sessionName: context.env["AWS_ROLE_SESSION_NAME"], from: "AWS_WEB_IDENTITY_TOKEN_FILE")
    }

    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        try settings(context).map { "webid:" + $0.roleARN }
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        guard let s = try settings(context) else { return nil }
        return try context.cached("webid:\(s.roleARN)|session:\(s.sessionName ?? "")") { () throws(AWSError) -> Credentials in
            let bytes: [UInt8]?
            do { bytes = try FileReading.contents(of: s.tokenFile) } catch {
                throw AWSError(.configuration, "\(error) (web identity token, \(s.from))", hint: "check the file's permissions")
            }
            guard let bytes else {
                throw AWSError(.configuration, "the web identity token file \(s.tokenFile) (\(s.from)) does not exist",
                               hint: "check the path; on EKS and CI the platform writes it")
            }
            let token = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            guard !token.isEmpty else {
                throw AWSError(.configuration, "the web identity token file \(s.tokenFile) is empty", hint: "check what writes the token")
            }
            return try STSClient(context).assumeRoleWithWebIdentity(
                roleARN: s.roleARN, sessionName: s.sessionName ?? "lwexec-\(Clock.epochSeconds())", token: token,
                label: "web identity role \(s.roleARN) (\(s.from))")
        }
    }
}
