/// Keys found in configuration: `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, or a
/// profile's `aws_access_key_id`/`aws_secret_access_key`/`aws_session_token`.
enum StaticKeys {
    /// Which of the shared files a profile's keys are read from.
    enum Files: Sendable { case credentials, config, both }

    /// The environment's keys; skipped when `--profile` names a profile (as the AWS CLI does).
    /// Blank is unset, as the SDKs read them (`AWS_ACCESS_KEY_ID=" "` goes on down the chain).
    static func environment(_ context: CredentialContext) throws(AWSError) -> CredentialPlan? {
        if context.profileFromFlag { return nil }
        let id = nonBlank(context.env["AWS_ACCESS_KEY_ID"]), secret = nonBlank(context.env["AWS_SECRET_ACCESS_KEY"])
        switch (id, secret) {
        case (nil, nil): return nil
        case (.some, nil):
            throw AWSError(.configuration, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                           hint: "set both, or unset AWS_ACCESS_KEY_ID to use a profile")
        case (nil, .some):
            throw AWSError(.configuration, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                           hint: "set both, or unset AWS_SECRET_ACCESS_KEY to use a profile")
        case (let id?, let secret?):
            return plan(Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: nonBlank(context.env["AWS_SESSION_TOKEN"]),
                                    source: "environment"))
        }
    }

    /// The keys of the profile in use, from the credentials file, the config file, or both (credentials file first).
    static func profile(_ context: CredentialContext, files: Files) throws(AWSError) -> CredentialPlan? {
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
            return plan(Credentials(accessKeyID: id, secretAccessKey: secret,
                                    sessionToken: keys["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 },
                                    source: "profile \(name) (\(file))"))
        }
        return nil
    }

    static func plan(_ c: Credentials) -> CredentialPlan {
        CredentialPlan(.keys(c), identity: "key:" + c.accessKeyID)
    }

    /// Whether the merged profile has both keys (a role's source profile with keys uses them, not its role).
    static func hasKeys(_ p: [String: String]) -> Bool {
        !(p["aws_access_key_id"] ?? "").isEmpty && !(p["aws_secret_access_key"] ?? "").isEmpty
    }

    /// The value unless it is empty or only blanks.
    static func nonBlank(_ value: String?) -> String? {
        guard let v = value, v.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        return v
    }
}
