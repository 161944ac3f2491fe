import SecretResolution

/// Everything `lwexec [exec]` was asked to do, as plain data.
///
/// Both the swift-argument-parser definition and the fast path produce this, and a
/// test checks they agree, so the parser stays the one definition of the interface.
public struct ExecOptions: Equatable, Sendable {
    public var prefixes: [String] = []
    public var secrets: [SecretRef] = []
    public var recursive = false
    public var envPrefix = ""
    public var keepEnv = false
    public var pristine = false
    public var expandJSON = false
    public var allowEmpty = false
    /// `--allow-variable NAME`: variables a secret may set although the hijack guard refuses them.
    public var allowVariables: [String] = []
    /// `--require VAR`: variables the command must get.
    public var require: [String] = []
    /// `--require-file FILE`: files listing variables the command must get.
    public var requireFiles: [String] = []
    public var quiet = false
    public var verbose = false
    public var aws = AWSOptions()
    /// `--cache`: serve from the keyring when fresh (nil: `LWEXEC_CACHE`).
    public var cache: Bool?
    /// `--cache-ttl` in seconds (nil: `LWEXEC_CACHE_TTL`, else 5 minutes).
    public var cacheTTL: Int?
    /// `--stale-if-error` in seconds (nil: `LWEXEC_STALE_IF_ERROR`, else 1 hour).
    public var staleIfError: Int?
    /// `--subreaper`, `--mask`, `--watch` and its companions (defaults: the plain launcher).
    public var supervision = SupervisionSettings()
    /// The command and its arguments, everything after `--`.
    public var command: [String] = []

    public init() {}

    /// The resolution part of the options.
    public var resolutionRequest: ResolutionRequest {
        ResolutionRequest(prefixes: prefixes, secrets: secrets, recursive: recursive, envPrefix: envPrefix,
                          expandJSON: expandJSON, allowEmpty: allowEmpty, allowedVariables: allowVariables)
    }

    /// How secrets meet the inherited environment.
    public var environmentMode: EnvironmentMode {
        pristine ? .pristine : keepEnv ? .inheritedWins : .secretsWin
    }
}

/// Parses `30`, `30s`, `5m`, `1h` into seconds (zero only when `allowZero`).
public func parseDuration(_ text: String, allowZero: Bool = false) -> Int? {
    var digits = Substring(text), scale = 1
    switch text.utf8.last {
    case UInt8(ascii: "s"): digits = text.dropLast()
    case UInt8(ascii: "m"): digits = text.dropLast(); scale = 60
    case UInt8(ascii: "h"): digits = text.dropLast(); scale = 3600
    default: break
    }
    guard let n = Int(digits), n > 0 || (allowZero && n == 0), n <= 86_400 * 7 / scale else { return nil }
    return n * scale
}
