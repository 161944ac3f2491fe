/// How `lwexec import` names secrets: the reverse of the variable mapping.
public enum ImportNames {
    /// `STRIPE_API_KEY` under `/non-prod/backend` → `/non-prod/backend/stripe_api_key`.
    public static func secretName(prefix: String, variable: String) -> String {
        var p = Substring(prefix)
        while p.count > 1, p.last == "/" { p = p.dropLast() }
        let base = p == "/" ? "" : String(p)
        return base + "/" + variable.lowercased()
    }
}
