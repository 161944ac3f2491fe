extension IMDSRegion {
    /// The instance's region from IMDS when nothing else names one (as the SDKs do on EC2), with where
    /// it came from; nil when IMDS is disabled or does not answer (the "no region" error then stands).
    public static func fallback(_ context: CredentialContext) -> (region: String, source: String)? {
        lookup(context).map { ($0, "instance metadata (IMDS)") }
    }
}
