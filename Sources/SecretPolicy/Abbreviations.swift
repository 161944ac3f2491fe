/// The SOP's "descriptive secret types" rule: `database_password`, not `db_pw`.
///
/// A secret type is checked word by word (words are the parts between underscores) against
/// a list of abbreviations seen in the wild; a few run-together forms (`dbpass`, `apikey`)
/// are listed whole.
public enum Abbreviations {
    /// Abbreviated word → the descriptive word(s) to use instead.
    public static let words: [String: String] = [
        "pw": "password", "pwd": "password", "pass": "password", "passwd": "password", "pword": "password",
        "pswd": "password", "passw": "password",
        "db": "database", "tok": "token", "tkn": "token",
        "usr": "username", "uname": "username",
        "creds": "credentials", "cred": "credential",
        "acct": "account", "svc": "service", "sa": "service_account",
        "privkey": "private_key", "pubkey": "public_key", "conn": "connection",
    ]

    /// Run-together types → their descriptive spelling.
    public static let compounds: [String: String] = [
        "dbpw": "database_password", "dbpwd": "database_password", "dbpass": "database_password",
        "dbpassword": "database_password", "apikey": "api_key", "authtoken": "auth_token",
        "accesskey": "access_key", "secretkey": "secret_key", "privatekey": "private_key",
        "connstr": "connection_string", "jwtsecret": "jwt_secret",
    ]

    /// The abbreviations found in a snake_case type, in order, each with its replacement.
    public static func found(in secretType: String) -> [(abbreviation: String, replacement: String)] {
        var out: [(String, String)] = []
        for word in secretType.split(separator: "_").map(String.init) {
            if let r = compounds[word] ?? words[word] { out.append((word, r)) }
        }
        return out
    }

    /// The type with every abbreviation spelled out: `db_pw` → `database_password`.
    public static func expand(_ secretType: String) -> String {
        secretType.split(separator: "_").map { w in compounds[String(w)] ?? words[String(w)] ?? String(w) }.joined(separator: "_")
    }
}
