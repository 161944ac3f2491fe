/// A credential provider that can say, from the environment and files alone, who the caller will be.
///
/// nil means "this source is not configured here"; a string names the identity it would yield,
/// e.g. `key:AKIA...`, `role:<arn>|source:<identity>`, `sso:<start url>|<account>|<role>`.
public protocol IdentifiedCredentialProvider: CredentialProvider {
    func identityKey(_ context: CredentialContext) throws(AWSError) -> String?
}

extension EnvironmentCredentialProvider {
    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        try load(context).map { "key:" + $0.accessKeyID }
    }
}

extension CredentialChain {
    /// Who the caller will be, known from the environment and files alone (no network call, no process run):
    /// the identity of the first configured source. nil when a source cannot tell.
    ///
    /// Keys the keyring cache, so another identity never gets values cached for this one.
    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        if context.profileExplicit, !context.shared.hasProfile(context.profileName), context.profileName != "default" {
            return nil
        }
        for p in providers {
            if let key = try p.identityKey(context) { return key }
        }
        return nil
    }
}
