/// A service lwexec calls: how it is signed and where its endpoint settings are found.
public struct ServiceDescriptor: Sendable {
    /// The SigV4 signing name, e.g. `secretsmanager`.
    public var signingName: String
    /// The first DNS label of the default endpoint.
    public var hostPrefix: String
    /// The suffix of `AWS_ENDPOINT_URL_<ID>` and the key in `[services x]` sections (lowercased).
    public var endpointID: String

    public init(signingName: String, hostPrefix: String, endpointID: String) {
        self.signingName = signingName
        self.hostPrefix = hostPrefix
        self.endpointID = endpointID
    }

    public static let secretsManager = ServiceDescriptor(signingName: "secretsmanager", hostPrefix: "secretsmanager",
                                                         endpointID: "SECRETS_MANAGER")
}

/// The endpoint a service is called at, and where that choice came from.
public struct Endpoint: Sendable, Equatable {
    public var url: URLParts
    public var source: String

    public init(url: URLParts, source: String) {
        self.url = url
        self.source = source
    }

    /// Resolves the endpoint: flag, `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the profile's
    /// `[services]` section and `endpoint_url`, else the partition's default host for the region.
    public static func resolve(_ service: ServiceDescriptor, flag: String?, region: String,
                               context: CredentialContext) throws(AWSError) -> Endpoint {
        var candidates: [(String?, String)] = [(flag, "--endpoint-url")]
        let ignoreConfigured = context.env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        if !ignoreConfigured {
            let envName = "AWS_ENDPOINT_URL_" + service.endpointID
            candidates.append((context.env[envName], envName))
            candidates.append((context.env["AWS_ENDPOINT_URL"], "AWS_ENDPOINT_URL"))
            let profile = context.shared.configProfile(context.profileName) ?? [:]
            if let services = profile["services"],
               let section = context.shared.config.sections["services " + services] {
                candidates.append((section[service.endpointID.lowercased() + ".endpoint_url"],
                                   "[services \(services)] in \(context.shared.configPath)"))
            }
            candidates.append((profile["endpoint_url"], "profile \(context.profileName)"))
        }
        for case (let value?, let source) in candidates where !value.isEmpty {
            guard let url = URLParts(value) else {
                throw AWSError(.configuration, "\(source) is not a valid endpoint URL: \(value)",
                               hint: "use a URL such as https://secretsmanager.us-east-1.amazonaws.com")
            }
            return Endpoint(url: url, source: source)
        }
        return try Partition.defaultEndpoint(service, region: region, context: context)
    }
}

/// The parts of an http(s) URL that requests and signatures need.
public struct URLParts: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    /// The host as written, with brackets for IPv6 literals.
    public var host: String
    public var port: Int?
    /// The path, always starting with `/`.
    public var path: String

    public init(scheme: String, host: String, port: Int?, path: String) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `scheme://host[:port][/path]`; nil for anything else.
    public init?(_ text: String) {
        guard let sep = text.range(of: "://") else { return nil }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = text[sep.upperBound...]
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        var path = String(rest[slash...])
        if path.isEmpty { path = "/" }
        var host = Substring(authority), port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { guard let p = Int(after.dropFirst()) else { return nil }; port = p }
            else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let p = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = p
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        if let p = port, !(1...65535).contains(p) { return nil }
        self.init(scheme: scheme, host: String(host).lowercased(), port: port, path: path)
    }

    /// The Host header value: the port only when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    public var description: String { "\(scheme)://\(hostHeader)\(path == "/" ? "" : path)" }
}

extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        let n = Array(needle)
        guard !n.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            var j = i, k = 0
            while k < n.count, j < endIndex, self[j] == n[k] { j = index(after: j); k += 1 }
            if k == n.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
