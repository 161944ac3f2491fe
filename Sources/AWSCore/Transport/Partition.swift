/// Default endpoints by partition (aws, aws-cn, aws-us-gov) with the FIPS and dual-stack variants.
public enum Partition {
    /// The partition of a region: `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, else `aws`.
    public static func name(of region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// The DNS suffix of a partition, plain or dual-stack.
    public static func dnsSuffix(_ partition: String, dualStack: Bool) -> String {
        switch (partition, dualStack) {
        case ("aws-cn", false): return "amazonaws.com.cn"
        case ("aws-cn", true): return "api.amazonwebservices.com.cn"
        case (_, false): return "amazonaws.com"
        case (_, true): return "api.aws"
        }
    }

    /// `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` (and the dual-stack pair): environment first, then the profile.
    public static func flag(_ envName: String, _ key: String, _ context: CredentialContext) throws(AWSError) -> Bool {
        let (value, source): (String?, String) = context.env[envName].map { ($0, envName) }
            ?? (context.profile[key], "\(key) in profile \(context.profileName)")
        guard let v = value?.lowercased(), !v.isEmpty else { return false }
        guard v == "true" || v == "false" else {
            throw AWSError(.configuration, "\(source) must be true or false (got \(value!))", hint: "set it to true or false")
        }
        return v == "true"
    }

    /// `https://{prefix}[-fips].{region}.{suffix}`, honouring FIPS and dual-stack for services that have them.
    public static func defaultEndpoint(_ service: ServiceDescriptor, region: String,
                                       context: CredentialContext) throws(AWSError) -> Endpoint {
        guard isValidRegion(region) else {
            throw AWSError(.configuration, "\(region.debugDescription) is not a valid region name",
                           hint: "use a region such as us-east-1")
        }
        let variants = service.hasVariants
        let fips = variants ? try flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", context) : false
        let dual = variants ? try flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", context) : false
        let suffix = dnsSuffix(name(of: region), dualStack: dual)
        let host = "\(service.hostPrefix)\(fips ? "-fips" : "").\(region).\(suffix)"
        var source = "default for \(region)"
        if fips || dual { source += " (" + [fips ? "FIPS" : nil, dual ? "dual-stack" : nil].compactMap { $0 }.joined(separator: ", ") + ")" }
        return Endpoint(url: URLParts(scheme: "https", host: host, port: nil, path: "/"), source: source)
    }

    /// Letters, digits and dashes only: a region goes into a host name.
    static func isValidRegion(_ r: String) -> Bool {
        !r.isEmpty && r.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d || ($0 >= 0x41 && $0 <= 0x5a) }
    }
}

extension ServiceDescriptor {
    /// STS, called for assumed roles, web identity and `whoami` (Query protocol).
    public static let sts = ServiceDescriptor(signingName: "sts", hostPrefix: "sts", endpointID: "STS")
    /// The IAM Identity Center portal (`GetRoleCredentials`, unsigned).
    public static let sso = ServiceDescriptor(signingName: "awsssoportal", hostPrefix: "portal.sso", endpointID: "SSO")
    /// IAM Identity Center OIDC (`CreateToken`, unsigned).
    public static let ssoOIDC = ServiceDescriptor(signingName: "sso-oauth", hostPrefix: "oidc", endpointID: "SSO_OIDC")

    /// Whether FIPS and dual-stack endpoints exist for this service (Secrets Manager and STS).
    var hasVariants: Bool { signingName == "secretsmanager" || signingName == "sts" }
}
