import LWJSON

/// Writes variables as one JSON object, `{"NAME": "value", ...}`, members in the order given.
public enum JSONEnvWriter {
    /// A pretty-printed object (two-space indent) with a final newline; `{}` when empty.
    public static func render(_ variables: [(String, String)]) -> String {
        if variables.isEmpty { return "{}\n" }
        let members = variables.map { "  \(JSON.quote($0.0)): \(JSON.quote($0.1))" }
        return "{\n" + members.joined(separator: ",\n") + "\n}\n"
    }
}
