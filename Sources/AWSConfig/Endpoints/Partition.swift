/// Regions and partitions, and the boolean settings endpoint resolution reads.
///
/// The partitions and the host names come from the rule sets and partitions.json (see `EndpointRules`).
public enum Partition {
    /// The partition of a region (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, ...) as the rules find it:
    /// `aws` for a region no partition claims.
    public static func name(of region: String) -> String {
        (AWSPartition.of(region) ?? .aws).name
    }

    /// Whether a partition claims the region: partitions.json lists it or its `regionRegex` matches it.
    public static func isKnown(_ region: String) -> Bool {
        AWSPartition.of(region) != nil
    }

    /// Whether partitions.json lists the region by name (`eu-wset-1` matches the `aws` pattern, but is not listed).
    public static func isListed(_ region: String) -> Bool {
        AWSPartition.allCases.contains { $0.lists(region) }
    }

    /// Every region partitions.json lists, without the `*-global` pseudo-regions.
    public static var listedRegions: [String] {
        AWSPartition.allCases.flatMap { $0.regions }.filter { !$0.hasSuffix("-global") }
    }

    /// `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint` (and the like): environment first, then the profile.
    public static func flag(_ envName: String, _ key: String, _ context: CredentialContext) throws(AWSError) -> Bool {
        try setting(envName, key, context, profile: context.profile).on
    }

    /// A boolean setting and where it was read: the variable if set (even empty), else the profile key;
    /// false (and no source) when neither is.
    static func setting(_ envName: String, _ key: String, _ context: CredentialContext,
                        profile: [String: String]) throws(AWSError) -> (on: Bool, source: String) {
        let fromEnv = context.env[envName]
        guard let value = fromEnv ?? profile[key], !value.isEmpty else { return (false, "") }
        let source = fromEnv != nil ? envName : "\(key) in profile \(context.profileName)"
        switch value.lowercased() {
        case "true": return (true, source)
        case "false": return (false, source)
        default: throw AWSError(.configuration, "\(source) must be true or false (got \(value))", hint: "set it to true or false")
        }
    }

    /// A region is a DNS label (botocore's `validate_region_name`): 1 to 63 letters, digits and dashes,
    /// neither starting nor ending with a dash, not all digits.
    package static func isValidRegion(_ r: String) -> Bool {
        let u = r.utf8
        guard (1...63).contains(u.count), u.first != 0x2d, u.last != 0x2d else { return false }
        var allDigits = true
        for b in u {
            let digit = b >= 0x30 && b <= 0x39
            guard digit || (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || b == 0x2d else { return false }
            allDigits = allDigits && digit
        }
        return !allDigits
    }
}

extension ServiceDescriptor {
    /// STS, called for assumed roles, web identity and `whoami` (Query protocol).
    public static let sts = ServiceDescriptor(signingName: "sts", ruleSet: .sts, endpointID: "STS")
    /// The IAM Identity Center portal (`GetRoleCredentials`, unsigned).
    public static let sso = ServiceDescriptor(signingName: "awsssoportal", ruleSet: .sso, endpointID: "SSO")
    /// IAM Identity Center OIDC (`CreateToken`, unsigned).
    public static let ssoOIDC = ServiceDescriptor(signingName: "sso-oauth", ruleSet: .ssoOIDC, endpointID: "SSO_OIDC")
}
