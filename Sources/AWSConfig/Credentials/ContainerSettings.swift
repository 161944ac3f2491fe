import LWEncoding

/// ECS task roles and EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (at 169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at each
/// plan; it wins) or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the Authorization header.
public struct ContainerSettings: Sendable, Equatable {
    public var url: String
    /// The Authorization header's value, if any.
    public var authorization: String?

    /// nil when no container variable is set; a malformed URL or unreadable token file is an error.
    static func plan(_ context: CredentialContext) throws(AWSError) -> CredentialPlan? {
        guard let url = try url(context.env) else { return nil }
        let token = try authorization(context.env)
        // The identity holds a hash of the token, so another token never gets credentials cached for this one.
        let identity = token.map { "container:" + url + "|token:" + String(Encoding.hex(Fingerprint.sha256("container-token\u{0}" + $0)).prefix(24)) }
            ?? "container:" + url
        return CredentialPlan(.container(ContainerSettings(url: url, authorization: token)), identity: identity)
    }

    static func url(_ env: ProcessEnvironment) throws(AWSError) -> String? {
        if let rel = env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            return "http://169.254.170.2" + (rel.hasPrefix("/") ? rel : "/" + rel)
        }
        guard let full = env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard URLParts(full) != nil else {
            throw AWSError(.configuration, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URL: \(full)",
                           hint: "use e.g. http://169.254.170.23/v1/credentials")
        }
        return full
    }

    /// The token file (read now) wins over the variable; a control character in the token is refused
    /// (`HeaderSafety`), naming where it came from.
    static func authorization(_ env: ProcessEnvironment) throws(AWSError) -> String? {
        var token = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        var source = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
        if let file = env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            source = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (\(file))"
            let bytes: [UInt8]?
            do { bytes = try FileReading.contents(of: file) } catch {
                throw AWSError(.configuration, "\(error) (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)", hint: "check the file's permissions")
            }
            guard let bytes else {
                throw AWSError(.configuration, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names \(file), which does not exist",
                               hint: "check the path (EKS Pod Identity mounts it)")
            }
            token = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        }
        if let t = token { try HeaderSafety.check(t, "the container authorization token", from: source) }
        return token
    }
}
