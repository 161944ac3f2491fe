import Glibc

/// The shared AWS config and credentials files, found and read as the AWS SDKs and CLI do.
///
/// Profiles are `[profile name]` and `[default]` in the config file (`[profile default]` wins over
/// `[default]`; any other unprefixed section is ignored there) and `[name]` in the credentials file
/// (a prefixed section such as `[profile name]` is not a profile there). `[sso-session name]` sections
/// come from the config file only.
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

    /// Loads `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, defaulting to `~/.aws/`.
    ///
    /// A missing file is empty. A file at the default place that cannot be read (`HOME=/root` while
    /// running as another user, common in containers) is treated as absent, as the SDKs do; one named
    /// in the variable must be readable. A malformed line in either file is an error naming it.
    public static func load(_ env: ProcessEnvironment) throws(AWSError) -> SharedConfig {
        let configVar = env["AWS_CONFIG_FILE"], credentialsVar = env["AWS_SHARED_CREDENTIALS_FILE"]
        let configPath = env.expandTilde(configVar ?? "~/.aws/config")
        let credentialsPath = env.expandTilde(credentialsVar ?? "~/.aws/credentials")
        return SharedConfig(config: try read(configPath, namedBy: configVar == nil ? nil : "AWS_CONFIG_FILE"),
                            credentials: try read(credentialsPath, namedBy: credentialsVar == nil ? nil : "AWS_SHARED_CREDENTIALS_FILE"),
                            configPath: configPath, credentialsPath: credentialsPath)
    }

    /// Files larger than this (bytes) are indexed rather than parsed whole (docs/benchmarks.md).
    static let indexThreshold = 8_192

    /// The file, parsed whole or, when large, checked whole and read a section at a time;
    /// `variable` is the environment variable that named it, nil for the default place.
    static func read(_ path: String, namedBy variable: String?) throws(AWSError) -> ConfigFile {
        let bytes: [UInt8]?
        do {
            bytes = try FileReading.contents(of: path)
        } catch {
            guard let variable else { return ConfigFile() }
            throw AWSError(.configuration, "\(error)",
                           hint: error.errno == EACCES || error.errno == EPERM
                               ? "check the file's permissions, or unset \(variable) to use the default file"
                               : "point \(variable) at a readable file, or unset it to use the default file")
        }
        guard let bytes else { return ConfigFile() }
        // A small file is parsed whole (cheaper than reading a section per lookup); a large one —
        // thousands of generated profiles — is checked whole and read a section at a time.
        if bytes.count <= indexThreshold { return try ConfigFile(parsing: bytes, path: path) }
        return try ConfigFile(indexing: bytes, path: path)
    }

    /// The keys of profile `name` from the config file: `[profile name]`, and for `default`
    /// `[profile default]` or else `[default]`.
    public func configProfile(_ name: String) -> [String: String]? {
        guard Self.isProfileName(name) else { return nil }
        if name == "default" { return config.section("profile default") ?? config.section("default") }
        return config.section("profile " + name)
    }

    /// The keys of profile `name` from the credentials file (`[name]`).
    public func credentialsProfile(_ name: String) -> [String: String]? {
        guard Self.isProfileName(name) else { return nil }
        return credentials.section(name)
    }

    /// The `[sso-session name]` section of the config file.
    public func ssoSession(_ name: String) -> [String: String]? {
        guard Self.isProfileName(name) else { return nil }
        return config.section("sso-session " + name)
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
        var names = Set<String>()
        for s in credentials.sections.keys where Self.isProfileName(s) { names.insert(s) }
        for s in config.sections.keys {
            if s == "default" { names.insert(s) } else if s.hasPrefix("profile ") { names.insert(String(s.dropFirst(8))) }
        }
        return names.sorted()
    }

    /// Every `[sso-session name]` of the config file, sorted.
    public var ssoSessionNames: [String] {
        config.sections.keys.filter { $0.hasPrefix("sso-session ") }.map { String($0.dropFirst(12)) }.sorted()
    }

    /// Whether `name` can name a profile at all (section keys with a prefix hold a space; names never do).
    private static func isProfileName(_ name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(UInt8(ascii: " "))
    }
}
