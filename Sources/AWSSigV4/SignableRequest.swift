/// The parts of an HTTP request that SigV4 reads, exactly as they will be sent.
///
/// Headers keep their order and may repeat, because duplicates are joined in order when signing.
public struct SignableRequest: Sendable {
    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// The path as sent on the wire (may hold raw non-ASCII or `%XX`); empty means `/`.
    public var path: String
    /// The raw query string, without the leading `?`.
    public var query: String
    /// Header fields in order; names in any case, duplicates allowed. Must include `Host`.
    public var headers: [(name: String, value: String)]
    /// The body bytes, hashed into the signature.
    public var body: [UInt8]

    public init(method: String, path: String, query: String = "",
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The values of every header named `name` (case-insensitively), comma-joined; nil when absent.
    public func header(_ name: String) -> String? {
        let key = name.lowercased()
        let values = headers.filter { $0.name.lowercased() == key }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}
