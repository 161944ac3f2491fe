import AWSCore

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

    /// `askIMDS: false` skips the instance-metadata fallback for the region (a network call), for
    /// the warm-start launcher, which hands such runs on instead.
    package init(_ o: AWSOptions, env: ProcessEnvironment, askIMDS: Bool = true) throws(AWSError) {
        options = o
        self.env = env
        context = CredentialContext(env: env, shared: try SharedConfig.load(env), profileFlag: o.profile)
        (region, regionSource) = askIMDS ? try RegionResolver.resolveWithIMDS(flag: o.region, context: context)
            : try RegionResolver.resolve(flag: o.region, context: context)
        endpoint = try Endpoint.resolve(.secretsManager, flag: o.endpointURL, region: region, context: context)
    }

    /// Who the caller will be, from configuration alone; nil when that needs a network call to know.
    package var cacheIdentity: String? {
        try? CredentialChain.standard.identityKey(context)
    }
}
