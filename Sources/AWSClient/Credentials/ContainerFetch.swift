import AWSHTTP
import Glibc

/// Credentials from the ECS task-role or EKS Pod Identity endpoint of planned `ContainerSettings`, and
/// the answer format it shares with IMDS.
enum ContainerFetch {
    /// Hosts a plain-http full URI may name besides loopback: the ECS and EKS agents' link-local addresses.
    static let linkLocalHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

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

    /// The credentials the endpoint serves (the host checked first).
    static func fetch(_ s: ContainerSettings, context: CredentialContext) throws(AWSError) -> Credentials {
        let url = s.url
        try requireSafeHost(url)
        var headers = [(name: "Accept", value: "application/json"), (name: "User-Agent", value: "lwexec/\(LwexecVersion.string)")]
        if let auth = s.authorization { headers.append((name: "Authorization", value: auth)) }
        let retry = RetryPolicy(maxAttempts: 3, maxBackoffMs: 1000, baseMs: 200)
        let transport = AWSTransport.forCredentials(context, retry: retry, connectTimeoutMs: 2000, attemptTimeoutMs: 5000, direct: true)
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
        return try parse(r.body, what: "container credentials from \(url)", source: "container (\(url))")
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
