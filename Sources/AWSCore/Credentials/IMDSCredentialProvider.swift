/// The IAM role of an EC2 instance, from IMDSv2: the role name, then its credentials.
///
/// Last in the chain; an unreachable IMDS is reported in the chain's "tried" list, not as its own error.
public struct IMDSCredentialProvider: IdentifiedCredentialProvider {
    public init() {}

    public func describe(_ context: CredentialContext) -> String {
        context.env["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
            ? "instance metadata (disabled by AWS_EC2_METADATA_DISABLED)"
            : "instance metadata (IMDS)"
    }

    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        guard let client = try IMDSClient(context) else { return nil }
        return client.endpoint == "http://169.254.169.254" ? "imds" : "imds:" + client.endpoint
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        guard var client = try IMDSClient(context) else { return nil }
        let endpoint = client.endpoint
        return try context.cached("imds:" + endpoint) { () throws(AWSError) -> Credentials in
            guard let roles = try client.get("/latest/meta-data/iam/security-credentials/"),
                  let role = roles.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init), !role.isEmpty else {
                throw AWSError(.noCredentials, "IMDS at \(endpoint) has no IAM role for this instance",
                               hint: "attach an instance profile with a role to the instance")
            }
            guard let text = try client.get("/latest/meta-data/iam/security-credentials/" + role) else {
                throw AWSError(.noCredentials, "IMDS at \(endpoint) has no credentials for role \(role)", hint: "check the instance profile")
            }
            return try ContainerCredentialProvider.parse(Array(text.utf8), what: "IMDS role \(role)",
                                                         source: "instance role \(role) (IMDS at \(endpoint))")
        }
    }
}
