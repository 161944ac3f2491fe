/// A service lwexec calls: how it is signed, its endpoint rule set and where its endpoint settings are found.
public struct ServiceDescriptor: Sendable {
    /// The SigV4 signing name, e.g. `secretsmanager`.
    public var signingName: String
    /// The endpoint rule set that names its hosts.
    public var ruleSet: EndpointRuleSet
    /// The suffix of `AWS_ENDPOINT_URL_<ID>` and the key in `[services x]` sections (lowercased).
    public var endpointID: String

    public init(signingName: String, ruleSet: EndpointRuleSet, endpointID: String) {
        self.signingName = signingName
        self.ruleSet = ruleSet
        self.endpointID = endpointID
    }

    public static let secretsManager = ServiceDescriptor(signingName: "secretsmanager", ruleSet: .secretsManager,
                                                         endpointID: "SECRETS_MANAGER")
}

/// The endpoint a service is called at, and where that choice came from.
public struct Endpoint: Sendable, Equatable {
    public var url: URLParts
    /// For `-v`: the setting that named the endpoint, or the region and variants it was derived from.
    public var source: String
    /// The region to sign for when it is not the request's region (STS's global endpoint: us-east-1).
    public var signingRegion: String?

    public init(url: URLParts, source: String, signingRegion: String? = nil) {
        self.url = url
        self.source = source
        self.signingRegion = signingRegion
    }

    /// Resolves the endpoint as the AWS SDKs do, before any network call.
    ///
    /// A custom endpoint: `--endpoint-url`, then (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the
    /// profile's `ignore_configured_endpoint_urls` is true) `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`,
    /// the profile's `[services]` section and its `endpoint_url`. Otherwise the service's endpoint rule set
    /// for the region, with `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, `AWS_USE_DUALSTACK_ENDPOINT` /
    /// `use_dualstack_endpoint` and, for STS, `AWS_STS_REGIONAL_ENDPOINTS` / `sts_regional_endpoints`.
    /// What the rules refuse (FIPS or dual-stack with a custom endpoint), a region that is not a DNS
    /// label, or (without a custom endpoint) one that no partition claims, is a configuration error.
    public static func resolve(_ service: ServiceDescriptor, flag: String?, region: String?,
                               context: CredentialContext) throws(AWSError) -> Endpoint {
        let profile = context.profile
        let custom = try customEndpoint(service, flag: flag, context: context, profile: profile)
        let fips = try Partition.setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", context, profile: profile)
        let dual = try Partition.setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint", context, profile: profile)
        let legacy = service.ruleSet == .sts ? try stsLegacySource(context, profile: profile) : nil
        var partition: AWSPartition?
        if let region {
            guard Partition.isValidRegion(region) else {
                throw AWSError(.configuration, "\(region.debugDescription) is not a valid region name",
                               hint: "a region is a DNS label such as us-east-1 (letters, digits and dashes)")
            }
            if custom == nil {
                partition = AWSPartition.of(region)
                guard partition != nil else {
                    throw AWSError(.configuration, "\(region.debugDescription) is not a region of any AWS partition",
                                   hint: "use a region such as us-east-1 or eu-west-1, or name the endpoint with --endpoint-url")
                }
            }
        }
        let params = EndpointParameters(region: region, useFIPS: fips.on, useDualStack: dual.on,
                                        endpoint: custom?.url.description, useGlobalEndpoint: legacy != nil)
        switch EndpointRules.evaluate(service.ruleSet, params, partition: partition) {
        case .custom:
            guard let custom else {
                throw AWSError(.configuration, "the endpoint rules chose a custom endpoint, but none is set",
                               hint: "set --endpoint-url, or report this as a bug in lwexec")
            }
            return Endpoint(url: custom.url, source: custom.source)
        case .host(let host, let signingRegion, let regional):
            var source = "default for " + (region ?? "")
            if fips.on || dual.on || !regional {
                var notes: [String] = []
                if fips.on { notes.append("FIPS") }
                if dual.on { notes.append("dual-stack") }
                if !regional { notes.append(legacy.map { "global, \($0) = legacy" } ?? "global") }
                source += " (" + notes.joined(separator: ", ") + ")"
            }
            return Endpoint(url: URLParts(scheme: "https", host: host, port: nil, path: "/"), source: source,
                            signingRegion: signingRegion)
        case .error(let message):
            let customText = custom.map { "\($0.source) is \($0.url)" } ?? ""
            switch message {
            case EndpointRules.fipsWithCustomEndpoint:
                throw AWSError(.configuration, "FIPS and a custom endpoint cannot be combined: \(fips.source) is true and \(customText)",
                               hint: "unset \(fips.source) or the custom endpoint (a custom endpoint is used as given)")
            case EndpointRules.dualStackWithCustomEndpoint:
                throw AWSError(.configuration, "dual-stack and a custom endpoint cannot be combined: \(dual.source) is true and \(customText)",
                               hint: "unset \(dual.source) or the custom endpoint (a custom endpoint is used as given)")
            case EndpointRules.missingRegion:
                throw AWSError(.configuration, "no AWS region configured",
                               hint: "pass --region, set AWS_REGION, or add `region = ...` to profile \(context.profileName) in \(context.shared.configPath)")
            default:
                throw AWSError(.configuration, "no \(service.signingName) endpoint for region \(region ?? ""): \(message)",
                               hint: "check the region, AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT")
            }
        }
    }

    /// The custom endpoint and the setting it came from, if one is set.
    static func customEndpoint(_ service: ServiceDescriptor, flag: String?, context: CredentialContext,
                               profile: [String: String]) throws(AWSError) -> (url: URLParts, source: String)? {
        func parsed(_ value: String?, _ source: @autoclosure () -> String) throws(AWSError) -> (url: URLParts, source: String)? {
            guard let value, !value.isEmpty else { return nil }
            guard let url = URLParts(value) else {
                throw AWSError(.configuration, "\(source()) is not a valid endpoint URL: \(value)",
                               hint: "use a URL such as https://secretsmanager.us-east-1.amazonaws.com")
            }
            return (url, source())
        }
        if let found = try parsed(flag, "--endpoint-url") { return found }
        let ignore = try Partition.setting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls",
                                           context, profile: profile)
        guard !ignore.on else { return nil }
        let envName = "AWS_ENDPOINT_URL_" + service.endpointID
        if let found = try parsed(context.env[envName], envName) { return found }
        if let found = try parsed(context.env["AWS_ENDPOINT_URL"], "AWS_ENDPOINT_URL") { return found }
        if let services = profile["services"], let section = context.shared.config.section("services " + services),
           let found = try parsed(section[service.endpointID.lowercased() + ".endpoint_url"],
                                  "[services \(services)] in \(context.shared.configPath)") {
            return found
        }
        return try parsed(profile["endpoint_url"], "endpoint_url in profile \(context.profileName)")
    }

    /// `AWS_STS_REGIONAL_ENDPOINTS` / `sts_regional_endpoints`: where `legacy` was set, nil for `regional` (the
    /// default). With `legacy`, us-east-1 and the other regions STS had before it was regional use the
    /// global endpoint (botocore's `UseGlobalEndpoint`).
    static func stsLegacySource(_ context: CredentialContext, profile: [String: String]) throws(AWSError) -> String? {
        let fromEnv = context.env["AWS_STS_REGIONAL_ENDPOINTS"]
        guard let value = fromEnv ?? profile["sts_regional_endpoints"], !value.isEmpty else { return nil }
        let source = fromEnv != nil ? "AWS_STS_REGIONAL_ENDPOINTS" : "sts_regional_endpoints in profile \(context.profileName)"
        switch value.lowercased() {
        case "legacy": return source
        case "regional": return nil
        default: throw AWSError(.configuration, "\(source) must be legacy or regional (got \(value))", hint: "set it to regional (the default) or legacy")
        }
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
    package func range(of needle: String) -> Range<Index>? {
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
