/// The IAM role of an EC2 instance, from IMDSv2: the role name, then its credentials.
///
/// Last in the chain; an unreachable IMDS is a `.noCredentials` error the chain reports in its
/// "tried" list.
enum IMDSFetch {
    static func fetch(_ s: IMDSSettings, context: CredentialContext) throws(AWSError) -> Credentials {
        var client = IMDSClient(s, context)
        let endpoint = s.endpoint
        guard let roles = try client.get("/latest/meta-data/iam/security-credentials/"),
              let role = roles.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init), !role.isEmpty else {
            throw AWSError(.noCredentials, "IMDS at \(endpoint) has no IAM role for this instance",
                           hint: "attach an instance profile with a role to the instance")
        }
        guard let text = try client.get("/latest/meta-data/iam/security-credentials/" + role) else {
            throw AWSError(.noCredentials, "IMDS at \(endpoint) has no credentials for role \(role)", hint: "check the instance profile")
        }
        return try ContainerFetch.parse(Array(text.utf8), what: "IMDS role \(role)",
                                        source: "instance role \(role) (IMDS at \(endpoint))")
    }
}
