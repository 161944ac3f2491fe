/// The client's API speaks in the configuration's types (`CredentialContext`, `Credentials`,
/// `AWSError`, `Endpoint`), and AWS answers are JSON: everything that uses AWSClient sees them too.
@_exported import AWSConfig
@_exported import LWJSON
