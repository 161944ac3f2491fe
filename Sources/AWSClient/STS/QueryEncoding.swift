import AWSSigV4

/// The AWS Query protocol's request body: `Action=...&Version=...&Key=value`, form-encoded.
public enum QueryEncoding {
    /// The form-encoded body for `action` with `parameters` in the order given.
    public static func body(action: String, version: String, _ parameters: [(String, String)]) -> [UInt8] {
        let pairs = [("Action", action), ("Version", version)] + parameters
        return Array(pairs.map { SigV4.uriEncode($0.0) + "=" + SigV4.uriEncode($0.1) }.joined(separator: "&").utf8)
    }

    /// The text of the first `<name>...</name>` element in an XML answer, entities decoded.
    public static func element(_ name: String, in xml: String) -> String? {
        ErrorDecoding.xmlElement(name, in: xml)
    }
}
