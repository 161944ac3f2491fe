/// A secret's value: text, or bytes for a binary secret.
public struct SecretValue: Sendable, Equatable {
    public enum Payload: Sendable, Equatable {
        case string(String)
        case binary([UInt8])
    }

    public var name: String
    public var arn: String?
    public var versionID: String?
    public var payload: Payload

    public init(name: String, arn: String? = nil, versionID: String? = nil, payload: Payload) {
        self.name = name
        self.arn = arn
        self.versionID = versionID
        self.payload = payload
    }
}
