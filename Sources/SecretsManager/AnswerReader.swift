import AWSClient

/// Strict reading of one Secrets Manager answer: a required field that is missing, or any field of
/// the wrong type, is a malformed-answer error naming the call and the field — never an empty
/// default, which could start a command with part of its secrets.
struct AnswerReader {
    let operation: String

    /// The error for `field` (a path such as `SecretList[3].Name`).
    func malformed(_ field: String, _ problem: String) -> AWSError {
        AWSError(.malformedResponse, "\(operation) answered \(problem) \(field)",
                 hint: "the endpoint is not answering as Secrets Manager does; check it (-v shows it) and try again",
                 operation: operation)
    }

    /// The answer as an object.
    func object(_ json: JSONValue, _ field: String = "the answer") throws(AWSError) -> [String: JSONValue] {
        guard let o = json.object else { throw malformed(field, "a non-object as") }
        return o
    }

    /// A member that must be there; `null` counts as missing.
    func required(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> JSONValue {
        guard let v = o[key], v != .null else { throw malformed(Self.join(path, key), "no") }
        return v
    }

    func string(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> String {
        guard let s = try required(o, key, in: path).string else { throw malformed(Self.join(path, key), "a non-string") }
        return s
    }

    func array(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> [JSONValue] {
        guard let a = try required(o, key, in: path).array else { throw malformed(Self.join(path, key), "a non-list") }
        return a
    }

    /// An optional member: absent or `null` is nil; present with the wrong type is an error.
    func optional<T>(_ o: [String: JSONValue], _ key: String, in path: String, as what: String,
                     _ read: (JSONValue) -> T?) throws(AWSError) -> T? {
        guard let v = o[key], v != .null else { return nil }
        guard let t = read(v) else { throw malformed(Self.join(path, key), "a non-\(what)") }
        return t
    }

    func optionalString(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> String? {
        try optional(o, key, in: path, as: "string") { $0.string }
    }

    func optionalBool(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> Bool? {
        try optional(o, key, in: path, as: "boolean") { $0.bool }
    }

    /// A timestamp (epoch seconds): a finite number between the year 1970 and 9999.
    func optionalDate(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> Double? {
        try optional(o, key, in: path, as: "date") { v in v.double.flatMap { (0...253_402_300_799).contains($0) ? $0 : nil } }
    }

    func optionalArray(_ o: [String: JSONValue], _ key: String, in path: String) throws(AWSError) -> [JSONValue]? {
        try optional(o, key, in: path, as: "list") { $0.array }
    }

    /// `NextToken`: absent, `null` or empty is the last page; anything but a string is malformed.
    func nextToken(_ o: [String: JSONValue]) throws(AWSError) -> String? {
        guard let t = try optionalString(o, "NextToken", in: ""), !t.isEmpty else { return nil }
        return t
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Follows `NextToken`s: a token that comes back a second time (a loop, not a listing) is an error.
public struct PageWalk {
    public let operation: String
    private var seen: Set<String> = []

    public init(operation: String) { self.operation = operation }

    /// The token to ask with next (nil: done); throws when `token` was already followed.
    public mutating func next(_ token: String?) throws(AWSError) -> String? {
        guard let token else { return nil }
        guard seen.insert(token).inserted else {
            throw AWSError(.malformedResponse, "\(operation) answered a NextToken it had already given: the listing loops",
                           hint: "the endpoint is not answering as Secrets Manager does; check it (-v shows it) and try again",
                           operation: operation)
        }
        return token
    }
}
