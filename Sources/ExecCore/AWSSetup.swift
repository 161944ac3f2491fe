import AWSConfig

/// The AWS settings every AWS-calling command takes: `--profile`, `--region`, `--endpoint-url`, `--timeout`.
public struct AWSOptions: Equatable, Sendable {
    public var profile: String?
    public var region: String?
    public var endpointURL: String?
    /// Seconds before lwexec gives up on AWS.
    public var timeoutSeconds: Int = 30

    public init() {}
}

/// Everything about AWS that is known without a network call: files, profile, region, endpoint.
///
/// Split from `AWSSession` so that a keyring cache hit can be keyed and served without
/// resolving credentials over the network or loading libcurl.
package struct AWSSetup {
    package let options: AWSOptions
    package let env: ProcessEnvironment
    package let context: CredentialContext
    package let region: String
    package let regionSource: String
    package let endpoint: Endpoint

    /// `regionFallback` names a region when configuration does not (lwexec-core asks the instance
    /// metadata service, a network call; the warm-start launcher passes none and hands such runs on).
    package init(_ o: AWSOptions, env: ProcessEnvironment,
                 regionFallback: ((CredentialContext) -> (region: String, source: String)?)?) throws(AWSError) {
        options = o
        self.env = env
        context = CredentialContext(env: env, shared: try SharedConfig.load(env), profileFlag: o.profile)
        do {
            (region, regionSource) = try RegionResolver.resolve(flag: o.region, context: context)
        } catch {
            guard let found = regionFallback?(context) else { throw error }
            (region, regionSource) = found
        }
        endpoint = try Endpoint.resolve(.secretsManager, flag: o.endpointURL, region: region, context: context)
    }

    /// Who the caller will be, from configuration alone (the credential plan's identity); nil when the
    /// configuration is broken or names no source.
    package var cacheIdentity: String? {
        (try? CredentialPlan.make(context))??.identity
    }
}
