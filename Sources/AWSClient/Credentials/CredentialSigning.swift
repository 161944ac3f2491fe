import AWSSigV4

extension Credentials {
    /// The signing view of these credentials.
    public var signing: SigV4Credentials {
        SigV4Credentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken)
    }
}
