/// The shared AWS config and credentials files, as the AWS CLI finds them.
public struct SharedConfig: Sendable {
    public var config: ConfigFile
    public var credentials: ConfigFile
    public var configPath: String
    public var credentialsPath: String

    public init(config: ConfigFile, credentials: ConfigFile, configPath: String = "~/.aws/config",
                credentialsPath: String = "~/.aws/credentials") {
        self.config = config
        self.credentials = credentials
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    /// Loads `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, defaulting to `~/.aws/`; a missing file is empty.
    public static func load(_ env: ProcessEnvironment) throws(AWSError) -> SharedConfig {
        let configPath = env.expandTilde(env["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = env.expandTilde(env["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        func parse(_ path: String) throws(AWSError) -> ConfigFile {
            do {
                guard let bytes = try FileReading.contents(of: path) else { return ConfigFile() }
                return ConfigFile(parsing: String(decoding: bytes, as: UTF8.self))
            } catch {
                throw AWSError(.configuration, "\(error)", hint: "check the file's permissions")
            }
        }
        return SharedConfig(config: try parse(configPath), credentials: try parse(credentialsPath),
                            configPath: configPath, credentialsPath: credentialsPath)
    }

    /// The keys of profile `name` from the config file (`[profile name]`, or `[default]`).
    public func configProfile(_ name: String) -> [String: String]? {
        if name == "default" { return config.sections["default"] ?? config.sections["profile default"] }
        return config.sections["profile " + name]
    }

    /// The keys of profile `name` from the credentials file (`[name]`).
    public func credentialsProfile(_ name: String) -> [String: String]? {
        credentials.sections[name]
    }

    /// Whether either file defines the profile.
    public func hasProfile(_ name: String) -> Bool {
        configProfile(name) != nil || credentialsProfile(name) != nil
    }

    /// The profile's keys with credentials-file values overriding config-file values.
    public func profile(_ name: String) -> [String: String] {
        var merged = configProfile(name) ?? [:]
        for (k, v) in credentialsProfile(name) ?? [:] { merged[k] = v }
        return merged
    }

    /// Every profile name either file defines, sorted.
    public var profileNames: [String] {
        var names = Set(credentials.sections.keys)
        for s in config.sections.keys {
            if s == "default" { names.insert(s) } else if s.hasPrefix("profile ") { names.insert(String(s.dropFirst(8)).trimmingSpaces().description) }
        }
        return names.sorted()
    }
}
