extension CredentialChain {
    /// Who the caller will be, known from the environment and files alone (no network call):
    /// `key:<access key id>` for static keys. nil when only a network call could tell.
    ///
    /// Keys the keyring cache, so another identity never gets values cached for this one.
    public func identityKey(_ context: CredentialContext) throws(AWSError) -> String? {
        if !context.profileFromFlag, let id = context.env["AWS_ACCESS_KEY_ID"], context.env["AWS_SECRET_ACCESS_KEY"] != nil {
            return "key:" + id
        }
        let keys = context.profile
        if let id = keys["aws_access_key_id"], !id.isEmpty, keys["aws_secret_access_key"] != nil {
            return "key:" + id
        }
        return nil
    }
}
