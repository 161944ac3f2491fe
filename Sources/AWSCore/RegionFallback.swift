extension RegionResolver {
    /// `resolve`, then — when nothing names a region — the instance's region from IMDS (as the SDKs do on EC2).
    /// The original "no region" error stands when IMDS is disabled or does not answer.
    public static func resolveWithIMDS(flag: String?, context: CredentialContext) throws(AWSError) -> (region: String, source: String) {
        do {
            return try resolve(flag: flag, context: context)
        } catch {
            guard let r = IMDSRegion.lookup(context) else { throw error }
            return (r, "instance metadata (IMDS)")
        }
    }
}
