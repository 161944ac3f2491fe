/// Writes variables as one JSON object, `{"NAME": "value", ...}`, members in the order given.
public enum JSONEnvWriter {
    /// A pretty-printed object (two-space indent) with a final newline; `{}` when empty.
    public static func render(_ variables: [(String, String)]) -> String {
        if variables.isEmpty { return "{}\n" }
        let members = variables.map { "  \(quote($0.0)): \(quote($0.1))" }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }

    /// A JSON string literal: `"` `\` and control characters escaped; everything else as UTF-8.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7f || u.value == 0x2028 || u.value == 0x2029:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
