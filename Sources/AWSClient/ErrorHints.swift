/// The one table of AWS error codes to what the user can do next, for every call lwexec makes.
///
/// Callers word what failed (their subject, the operation); the hint for a code comes from here, so
/// an error code means the same advice wherever it is met.
public enum ErrorHints {
    /// The kind of call that failed: the same code can call for different advice.
    public enum Call: Sendable, Equatable {
        /// `sts:AssumeRole` for a profile's role, with credentials of its source.
        case assumeRole
        /// `sts:AssumeRoleWithWebIdentity` with a token file.
        case assumeRoleWithWebIdentity
        /// A Secrets Manager operation (e.g. `GetSecretValue`); `listing` when it was finding the
        /// secrets under a prefix (`BatchGetSecretValue` with filters, `ListSecrets`).
        case secretsManager(operation: String?, listing: Bool)
        /// `sts:GetCallerIdentity`, which `lwexec whoami` itself makes: its hints never point at whoami.
        case getCallerIdentity
    }

    static let whoami = "(`lwexec whoami` shows who you are)"

    /// `hint` without the pointer at `lwexec whoami`, for what whoami itself says when it fails
    /// (finding credentials, e.g. a role's source, goes through the same table).
    public static func withoutWhoami(_ hint: String?) -> String? {
        guard let hint, hint.hasSuffix(" " + whoami) else { return hint }
        return String(hint.dropLast(whoami.count + 1))
    }

    /// What to do about `code` from `call` on `subject` (a role ARN, a secret name, a prefix).
    public static func hint(code: String, call: Call, subject: String) -> String? {
        let sts = call == .assumeRole || call == .assumeRoleWithWebIdentity
        // The pointer at whoami, except in what whoami itself says.
        let whoami = call == .getCallerIdentity ? "" : " " + Self.whoami
        switch code {
        case "AccessDenied", "AccessDeniedException":
            switch call {
            case .assumeRole:
                return "the source identity may not assume \(subject): check the role's trust policy and sts:AssumeRole (`lwexec whoami --profile <source profile>` shows who the source is)"
            case .assumeRoleWithWebIdentity:
                return "check the role's trust policy for this identity provider\(whoami)"
            case .secretsManager(let op, true):
                return "grant \(op.map { "secretsmanager:" + $0 } ?? "the call") to this identity, or name secrets with --secret (needs only GetSecretValue)\(whoami)"
            case .secretsManager(let op, false):
                return "grant secretsmanager:\(op ?? "GetSecretValue") on \(subject) to this identity\(whoami)"
            case .getCallerIdentity:
                return "this identity may not call sts:GetCallerIdentity (an explicit deny in its policies)"
            }
        case "InvalidIdentityToken", "IDPRejectedClaim":
            return "the web identity token was rejected: check the token file and the role's trust policy"
        case "ExpiredTokenException" where call == .assumeRoleWithWebIdentity:
            return "the web identity token was rejected: check the token file and the role's trust policy"
        case "UnrecognizedClientException", "InvalidClientTokenId":
            return sts ? "the source credentials are not valid: check them\(whoami)"
                : "the access key id is not known to AWS: check AWS_PROFILE and your keys\(whoami)"
        case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature":
            return sts ? "the source credentials are not valid: check them\(whoami)"
                : "the secret access key does not match the access key id: check your credentials\(whoami)"
        case "ExpiredTokenException", "ExpiredToken", "RequestExpired":
            return sts ? "the source credentials are not valid: check them\(whoami)"
                : "the session has expired: refresh your credentials (e.g. `aws sso login`)"
        case "ValidationError" where sts:
            return "check role_arn, role_session_name, duration_seconds and external_id in the profile"
        case "DecryptionFailure":
            return "this identity needs kms:Decrypt on the secret's KMS key"
        case "ResourceNotFoundException":
            return "check the name and the region"
        case "LimitExceededException":
            return "a Secrets Manager quota was reached; try again later"
        default:
            return sts ? "check the profile's role settings\(whoami)" : nil
        }
    }
}
