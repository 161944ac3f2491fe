/// `AssumeRoleWithWebIdentity` for planned `WebIdentitySettings`: the token is read from its file now.
enum WebIdentityFetch {
    static func fetch(_ s: WebIdentitySettings, context: CredentialContext) throws(AWSError) -> Credentials {
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
        var ctx = context
        ctx.profileName = s.profile
        return try STSClient(ctx).assumeRoleWithWebIdentity(
            roleARN: s.roleARN, sessionName: s.sessionName ?? "lwexec-\(Clock.epochSeconds())", token: token,
            label: "web identity role \(s.roleARN) (\(s.from))")
    }
}
