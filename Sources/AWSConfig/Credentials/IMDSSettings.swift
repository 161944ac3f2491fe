/// The EC2 instance metadata service as configured: its endpoint, and whether IMDSv1 may be used.
public struct IMDSSettings: Sendable, Equatable {
    public var endpoint: String
    /// `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`: no fallback to IMDSv1 without a token.
    public var v1Disabled: Bool

    /// nil when `AWS_EC2_METADATA_DISABLED=true`.
    public init?(_ context: CredentialContext) throws(AWSError) {
        guard !Self.isDisabled(context) else { return nil }
        endpoint = try Self.endpoint(context)
        let v1 = context.env["AWS_EC2_METADATA_V1_DISABLED"] ?? context.profile["ec2_metadata_v1_disabled"]
        v1Disabled = v1?.lowercased() == "true"
    }

    static func isDisabled(_ context: CredentialContext) -> Bool {
        context.env["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
    }

    static func plan(_ context: CredentialContext) throws(AWSError) -> CredentialPlan? {
        guard let s = try IMDSSettings(context) else { return nil }
        return CredentialPlan(.instanceMetadata(s), identity: s.endpoint == "http://169.254.169.254" ? "imds" : "imds:" + s.endpoint,
                              cacheKey: "imds:" + s.endpoint)
    }

    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the IPv4 or IPv6 address by `..._ENDPOINT_MODE` (env, then profile).
    static func endpoint(_ context: CredentialContext) throws(AWSError) -> String {
        let p = context.profile
        if let e = context.env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? p["ec2_metadata_service_endpoint"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let u = URLParts(e) else {
                throw AWSError(.configuration, "AWS_EC2_METADATA_SERVICE_ENDPOINT is not a valid URL: \(e)",
                               hint: "use e.g. http://169.254.169.254")
            }
            return "\(u.scheme)://\(u.hostHeader)"
        }
        let mode = context.env["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? p["ec2_metadata_service_endpoint_mode"] ?? "IPv4"
        switch mode.lowercased() {
        case "ipv4", "": return "http://169.254.169.254"
        case "ipv6": return "http://[fd00:ec2::254]"
        default:
            throw AWSError(.configuration, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6 (got \(mode))",
                           hint: "set it to IPv4 or IPv6")
        }
    }
}
