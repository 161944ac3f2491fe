import AWSClient

/// JSON for scripts: pretty-printed (two-space indent, members sorted by key), one document, final newline.
enum JSONOutput {
    static func render(_ v: JSONValue) -> String {
        var out = ""
        write(v, indent: "", to: &out)
        return out + "\n"
    }

    /// A string, or null when absent.
    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Tags as AWS gives them: a list of Key and Value, sorted by key.
    static func tags(_ tags: [String: String]) -> JSONValue {
        .array(tags.keys.sorted().map { .object(["Key": .string($0), "Value": .string(tags[$0]!)]) })
    }

    /// An ISO 8601 date, or null when absent.
    static func date(_ epoch: Double?) -> JSONValue { epoch.map { .string(Dates.iso8601($0)) } ?? .null }

    private static func write(_ v: JSONValue, indent: String, to out: inout String) {
        let inner = indent + "  "
        switch v {
        case .array(let a) where !a.isEmpty:
            out += "[\n"
            for (i, e) in a.enumerated() {
                out += inner
                write(e, indent: inner, to: &out)
                out += i == a.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let o) where !o.isEmpty:
            out += "{\n"
            let keys = o.keys.sorted()
            for (i, k) in keys.enumerated() {
                out += inner + JSON.quote(k) + ": "
                write(o[k]!, indent: inner, to: &out)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += JSON.serialize(v)
        }
    }
}
