/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialProvider: IdentifiedCredentialProvider {
    public init() {}

    public func describe(_ context: CredentialContext) -> String {
        "environment (AWS_ACCESS_KEY_ID)"
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        if context.profileFromFlag { return nil }
        // Blank is unset, as the SDKs read them (AWS_ACCESS_KEY_ID=" " goes on down the chain).
        let id = Self.nonBlank(context.env["AWS_ACCESS_KEY_ID"]), secret = Self.nonBlank(context.env["AWS_SECRET_ACCESS_KEY"])
        switch (id, secret) {
        case (nil, nil): return nil
        case (.some, nil):
            throw AWSError(.configuration, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                           hint: "set both, or unset AWS_ACCESS_KEY_ID to use a profile")
        case (nil, .some):
            throw AWSError(.configuration, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                           hint: "set both, or unset AWS_SECRET_ACCESS_KEY to use a profile")
        case (let id?, let secret?):
            return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: Self.nonBlank(context.env["AWS_SESSION_TOKEN"]),
                               source: "environment")
        }
    }

    /// The value unless it is empty or only blanks.
    static func nonBlank(_ value: String?) -> String? {
        guard let v = value, v.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        return v
    }
}

/// Static keys of the profile in use, from the credentials file, the config file, or both (credentials file first).
public struct ProfileStaticCredentialProvider: IdentifiedCredentialProvider {
    /// Which of the shared files to read.
    public enum Files: Sendable { case credentials, config, both }
    public var files: Files

    public init(files: Files = .both) {
        self.files = files
    }

    public func describe(_ context: CredentialContext) -> String {
        switch files {
        case .credentials: return "profile \(context.profileName) in \(context.shared.credentialsPath)"
        case .config: return "profile \(context.profileName) in \(context.shared.configPath)"
        case .both: return "profile \(context.profileName) in \(context.shared.credentialsPath) and \(context.shared.configPath)"
        }
    }

    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        try load(context).map { "key:" + $0.accessKeyID }
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        let shared = context.shared, name = context.profileName
        var sources: [([String: String]?, String)] = []
        if files != .config { sources.append((shared.credentialsProfile(name), shared.credentialsPath)) }
        if files != .credentials { sources.append((shared.configProfile(name), shared.configPath)) }
        for (keys, file) in sources {
            guard let keys else { continue }
            let id = keys["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
            let secret = keys["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
            if id == nil && secret == nil { continue }
            guard let id, let secret else {
                throw AWSError(.configuration,
                               "profile \(name) in \(file) has only one of aws_access_key_id and aws_secret_access_key",
                               hint: "add the missing key, or remove both to use another source")
            }
            return Credentials(accessKeyID: id, secretAccessKey: secret,
                               sessionToken: keys["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 },
                               source: "profile \(name) (\(file))")
        }
        return nil
    }
}

/// The ordered chain of credential sources, reporting every source it tried when none has credentials.
public struct CredentialChain: Sendable {
    /// Typed as identified providers so `identityKey` needs no dynamic cast: each `as?` to a
    /// protocol costs a scan of every conformance record in the binary, at every start.
    public var providers: [any IdentifiedCredentialProvider]

    public init(providers: [any IdentifiedCredentialProvider]) {
        self.providers = providers
    }

    /// The chain of the AWS CLI v2: environment, the profile's role (any source), web identity, SSO,
    /// the credentials file, credential_process, the config file, the container endpoint, IMDS.
    public static let standard = CredentialChain(providers: [
        EnvironmentCredentialProvider(),
        AssumeRoleCredentialProvider(),
        WebIdentityCredentialProvider(),
        SSOCredentialProvider(),
        ProfileStaticCredentialProvider(files: .credentials),
        ProcessCredentialProvider(),
        ProfileStaticCredentialProvider(files: .config),
        ContainerCredentialProvider(),
        IMDSCredentialProvider(),
    ])

    /// The first credentials any provider has.
    public func resolve(_ context: CredentialContext) throws(AWSError) -> Credentials {
        if context.profileExplicit, !context.shared.hasProfile(context.profileName),
           !(context.profileName == "default") {
            throw AWSError(.configuration,
                           "profile \(context.profileName) is not in \(context.shared.configPath) or \(context.shared.credentialsPath)",
                           hint: profileHint(context))
        }
        var notes: [String] = []
        for p in providers {
            // A source that is absent for a reason worth showing (IMDS unreachable) says why and the chain goes on.
            do {
                if let c = try p.load(context) { return c }
            } catch where error.kind == .noCredentials {
                notes.append(error.message)
            }
        }
        let tried = providers.map { $0.describe(context) }.joined(separator: "; ")
        throw AWSError(.noCredentials, "no AWS credentials found (tried: \(tried))" + notes.map { "; " + $0 }.joined(),
                       hint: "set AWS_PROFILE or --profile to a configured profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    }

    private func profileHint(_ context: CredentialContext) -> String {
        let names = context.shared.profileNames
        if names.isEmpty { return "configure it with `aws configure --profile \(context.profileName)`" }
        return "known profiles: " + names.joined(separator: ", ")
    }
}
