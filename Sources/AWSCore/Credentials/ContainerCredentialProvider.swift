import AWSHTTP
import Glibc
import LWCrypto

/// ECS task roles and EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (at 169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read each
/// time; it wins) or `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the Authorization header.
public struct ContainerCredentialProvider: IdentifiedCredentialProvider {
    public init() {}

    public func describe(_ context: CredentialContext) -> String {
        "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)"
    }

    /// Hosts a plain-http full URI may name besides loopback: the ECS and EKS agents' link-local addresses.
    static let linkLocalHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    /// The URL to fetch, or nil when no container variable is set; a disallowed URL is an error.
    static func url(_ env: ProcessEnvironment) throws(AWSError) -> String? {
        if let rel = env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            return "http://169.254.170.2" + (rel.hasPrefix("/") ? rel : "/" + rel)
        }
        guard let full = env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else { return nil }
        guard let u = URLParts(full) else {
            throw AWSError(.configuration, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URL: \(full)",
                           hint: "use e.g. http://169.254.170.23/v1/credentials")
        }
        return full
    }

    /// A plain-http full URI must reach a loopback address (every address its host resolves to, as the
    /// SDKs check) or an agent's link-local address: the authorization token travels in clear.
    /// (`http://127.attacker.example/` is not loopback, whatever its name says.) Checked before a fetch,
    /// not for the cache identity, which makes no network call.
    static func requireSafeHost(_ full: String) throws(AWSError) {
        guard let u = URLParts(full), u.scheme == "http", !linkLocalHosts.contains(u.host) else { return }
        let host = u.host.hasPrefix("[") ? String(u.host.dropFirst().dropLast()) : u.host
        guard let addresses = resolve(host), !addresses.isEmpty, addresses.allSatisfy(\.isLoopback) else {
            throw AWSError(.configuration, "AWS_CONTAINER_CREDENTIALS_FULL_URI uses plain http to \(u.host), which is not a loopback address",
                           hint: "plain http is only for loopback, 169.254.170.2, 169.254.170.23 and fd00:ec2::23; use https")
        }
    }

    /// One address of a host: whether it is loopback (127.0.0.0/8, ::1, or ::ffff:127.x.y.z).
    struct Address {
        var isLoopback: Bool
    }

    /// Every address `host` resolves to; nil when it does not resolve.
    static func resolve(_ host: String) -> [Address]? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(first) }
        var out: [Address] = []
        var p: UnsafeMutablePointer<addrinfo>? = first
        while let a = p, let sa = a.pointee.ai_addr {
            switch a.pointee.ai_family {
            case AF_INET:
                let v4 = UnsafeRawPointer(sa).load(as: sockaddr_in.self)
                let first = withUnsafeBytes(of: v4.sin_addr) { $0[0] }
                out.append(Address(isLoopback: first == 127))
            case AF_INET6:
                let v6 = UnsafeRawPointer(sa).load(as: sockaddr_in6.self)
                let b = withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
                let loopback = b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1
                let mapped = b[0..<10].allSatisfy { $0 == 0 } && b[10] == 0xff && b[11] == 0xff && b[12] == 127
                out.append(Address(isLoopback: loopback || mapped))
            default:
                out.append(Address(isLoopback: false))
            }
            p = a.pointee.ai_next
        }
        return out
    }

    /// The identity (and credential-cache key) of these credentials: the URL and a hash of the
    /// authorization token, so that another token never gets credentials cached for this one.
    static func identity(_ url: String, _ env: ProcessEnvironment) throws(AWSError) -> String {
        guard let token = try authorization(env) else { return "container:" + url }
        return "container:" + url + "|token:" + String(Encoding.hex(Fingerprint.sha256("container-token\u{0}" + token)).prefix(24))
    }

    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        guard let url = try Self.url(context.env) else { return nil }
        return try Self.identity(url, context.env)
    }

    public func load(_ context: CredentialContext) throws(AWSError) -> Credentials? {
        guard let url = try Self.url(context.env) else { return nil }
        return try context.cached(try Self.identity(url, context.env)) { () throws(AWSError) -> Credentials in
            try Self.requireSafeHost(url)
            var headers = [(name: "Accept", value: "application/json"), (name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")]
            if let auth = try Self.authorization(context.env) { headers.append((name: "Authorization", value: auth)) }
            let retry = RetryPolicy(maxAttempts: 3, maxBackoffMs: 1000, baseMs: 200)
            let transport = AWSTransport.forCredentials(context, retry: retry, connectTimeoutMs: 2000, attemptTimeoutMs: 5000)
            let r: HTTPResponse
            do throws(AWSError) {
                r = try transport.send("container credentials from \(url)", operation: "ContainerCredentials") { _ in
                    HTTPRequest(method: "GET", url: url, headers: headers)
                }
            } catch {
                throw AWSError(error.kind == .transport ? .transport : .configuration,
                               "container credentials from \(url) failed: \(error.code.map { "\($0): " } ?? "")\(error.message)",
                               hint: "check AWS_CONTAINER_CREDENTIALS_* and the authorization token")
            }
            return try Self.parse(r.body, what: "container credentials from \(url)", source: "container (\(url))")
        }
    }

    /// The Authorization header value: the token file (read now) wins over the variable.
    static func authorization(_ env: ProcessEnvironment) throws(AWSError) -> String? {
        var token = env["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        if let file = env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
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
        if let t = token, t.contains("\r") || t.contains("\n") {
            throw AWSError(.configuration, "the container authorization token contains a line break", hint: "check the token")
        }
        return token
    }

    /// The JSON both ECS/EKS agents and IMDS answer: AccessKeyId, SecretAccessKey, Token, Expiration.
    static func parse(_ body: [UInt8], what: String, source: String) throws(AWSError) -> Credentials {
        guard let json = try? JSON.parse(body), let id = json["AccessKeyId"]?.string,
              let secret = json["SecretAccessKey"]?.string else {
            throw AWSError(.malformedResponse, "\(what) answered without AccessKeyId and SecretAccessKey",
                           hint: "check that the URL serves AWS credentials")
        }
        let exp = json["Expiration"]?.string.flatMap(Timestamps.parseISO8601)
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: json["Token"]?.string, expiration: exp, source: source)
    }
}
