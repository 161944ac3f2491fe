/// Picks the region the way the AWS CLI does: flag, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile.
public enum RegionResolver {
    /// The region and where it came from, or an error saying how to set one.
    public static func resolve(flag: String?, context: CredentialContext) throws(AWSError) -> (region: String, source: String) {
        if let r = flag, !r.isEmpty { return (r, "--region") }
        if let r = context.env["AWS_REGION"] { return (r, "AWS_REGION") }
        if let r = context.env["AWS_DEFAULT_REGION"] { return (r, "AWS_DEFAULT_REGION") }
        if let r = context.shared.configProfile(context.profileName)?["region"], !r.isEmpty {
            return (r, "profile \(context.profileName)")
        }
        throw AWSError(.configuration, "no AWS region configured",
                       hint: "pass --region, set AWS_REGION, or add `region = ...` to profile \(context.profileName) in \(context.shared.configPath)")
    }
}
