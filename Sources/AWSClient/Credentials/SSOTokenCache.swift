import Glibc
import LWSystem
import LWCrypto
import LWEncoding

/// The AWS CLI's SSO token cache: `~/.aws/sso/cache/<sha1>.json`, keyed by the `sso_session` name
/// (or, for legacy profiles, the start URL), read and written back after a refresh.
struct SSOTokenCache {
    let path: String
    var json: [String: JSONValue]

    /// The cache file for `key` (session name or start URL).
    static func path(for key: String, env: ProcessEnvironment) -> String {
        env.expandTilde("~/.aws/sso/cache/") + Encoding.hex(Digest.sha1(key)) + ".json"
    }

    /// The cached token, or nil when the file does not exist; an unreadable file is an error.
    static func load(key: String, env: ProcessEnvironment) throws(AWSError) -> SSOTokenCache? {
        let path = path(for: key, env: env)
        let bytes: [UInt8]?
        do { bytes = try FileReading.contents(of: path) } catch {
            throw AWSError(.configuration, "\(error) (SSO token cache)", hint: "check the file's permissions")
        }
        guard let bytes else { return nil }
        guard let obj = (try? JSON.parse(bytes))?.object else {
            throw AWSError(.configuration, "the SSO token cache \(path) is not valid JSON", hint: "log in again: aws sso login")
        }
        return SSOTokenCache(path: path, json: obj)
    }

    var accessToken: String? { json["accessToken"]?.string }
    /// Epoch seconds of `expiresAt` (the AWS CLI v1 wrote `...UTC` instead of `Z`).
    var expiresAt: Int? { Self.time(json["expiresAt"]?.string) }
    var registrationExpiresAt: Int? { Self.time(json["registrationExpiresAt"]?.string) }
    var refreshToken: String? { json["refreshToken"]?.string }
    var clientID: String? { json["clientId"]?.string }
    var clientSecret: String? { json["clientSecret"]?.string }

    static func time(_ s: String?) -> Int? {
        guard var s else { return nil }
        if s.hasSuffix("UTC") { s = String(s.dropLast(3)) + "Z" }
        return Timestamps.parseISO8601(s)
    }

    /// Records a refreshed token and writes the file back (atomically, mode 0600); failure to write is not fatal.
    mutating func update(accessToken: String, expiresIn: Int, refreshToken: String?) -> Bool {
        json["accessToken"] = .string(accessToken)
        json["expiresAt"] = .string(Timestamps.formatISO8601(Clock.epochSeconds() + expiresIn))
        if let r = refreshToken { json["refreshToken"] = .string(r) }
        let bytes = Array(JSON.serialize(.object(json)).utf8)
        let tmp = path + ".lwexec-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        guard FileDescriptorIO.writeAll(fd, bytes) else { close(fd); unlink(tmp); return false }
        close(fd)
        if rename(tmp, path) != 0 { unlink(tmp); return false }
        return true
    }
}
