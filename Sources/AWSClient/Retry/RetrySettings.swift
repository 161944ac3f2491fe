/// `AWS_RETRY_MODE` / `retry_mode` and `AWS_MAX_ATTEMPTS` / `max_attempts`, environment first, as the SDKs read them.
extension RetryPolicy {
    /// The retry modes lwexec knows; `legacy` is read as `standard`.
    public enum Mode: String, Sendable {
        case standard, adaptive
    }

    /// The policy from the environment, then the profile; an unknown mode or a bad count is a configuration error.
    public static func resolve(_ context: CredentialContext) throws(AWSError) -> RetryPolicy {
        var p = RetryPolicy()
        let profile = context.profile
        if let (text, source) = Self.setting("AWS_MAX_ATTEMPTS", "max_attempts", context.env, profile, context.profileName) {
            guard let n = Int(text), n >= 1 else {
                throw AWSError(.configuration, "\(source) must be a whole number of at least 1 (got \(text))",
                               hint: "set it to e.g. 3, or unset it for the default")
            }
            p.maxAttempts = n
            p.maxAttemptsWithoutAnswer = n
            p.attemptsConfigured = true
        }
        if let (text, source) = Self.setting("AWS_RETRY_MODE", "retry_mode", context.env, profile, context.profileName) {
            p.modeConfigured = true
            switch text.lowercased() {
            case "standard", "legacy": p.mode = .standard
            case "adaptive": p.mode = .adaptive
            default:
                throw AWSError(.configuration, "\(source) must be standard or adaptive (got \(text))",
                               hint: "use AWS_RETRY_MODE=standard, or adaptive to rate-limit under throttling")
            }
        }
        return p
    }

    private static func setting(_ envName: String, _ key: String, _ env: ProcessEnvironment,
                                _ profile: [String: String], _ profileName: String) -> (String, String)? {
        if let v = env[envName] { return (v, envName) }
        if let v = profile[key], !v.isEmpty { return (v, "\(key) in profile \(profileName)") }
        return nil
    }
}
