/// Credentials found by the chain, with where they came from (never printed with the secret parts).
public struct Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Epoch seconds when temporary credentials stop working; nil for long-lived keys.
    public var expiration: Int?
    /// A human name for the source: "environment", "profile dev (credentials file)", ...
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil,
                expiration: Int? = nil, source: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }
}

/// What planning and fetching credentials look at: the environment, the shared files, the chosen profile,
/// and the run's cache, region, deadline, log and MFA prompt.
public struct CredentialContext: Sendable {
    public var env: ProcessEnvironment
    public var shared: SharedConfig
    /// The profile in use: `--profile`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`.
    public var profileName: String
    /// True when the profile was named on the command line, which skips environment keys (as the AWS CLI does).
    public var profileFromFlag: Bool
    /// True when the profile was named at all (flag or variable): then it must exist.
    public var profileExplicit: Bool
    /// Where temporary credentials are kept between runs (the keyring cache); nil: fetched every run.
    public var credentialCache: (any CredentialCacheStore)?
    /// The region of the run, once known; STS calls are made there (else the profile's or us-east-1).
    public var region: String?
    /// The monotonic time (ms) by which credentials must be found; nil: no deadline.
    public var deadlineMs: Int?
    /// Where providers report what they do (`-v`).
    public var log = Logger()
    /// Asks for an MFA code (`mfa_serial`); default: prompt on /dev/tty.
    public var mfaCode: @Sendable (_ serial: String) throws(AWSError) -> String = TerminalPrompt.mfaCode

    public init(env: ProcessEnvironment, shared: SharedConfig, profileFlag: String?) {
        self.env = env
        self.shared = shared
        if let p = profileFlag, !p.isEmpty {
            profileName = p; profileFromFlag = true; profileExplicit = true
        } else if let p = env["AWS_PROFILE"] ?? env["AWS_DEFAULT_PROFILE"] {
            profileName = p; profileFromFlag = false; profileExplicit = true
        } else {
            profileName = "default"; profileFromFlag = false; profileExplicit = false
        }
    }

    /// The merged keys of the profile in use.
    public var profile: [String: String] { shared.profile(profileName) }
}
