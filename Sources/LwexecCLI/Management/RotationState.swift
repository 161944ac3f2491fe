import AWSClient
import SecretsManager

/// A secret's rotation state in words, and a failed `RotateSecret` told with the state it left.
enum RotationState {
    /// `on (every 30 days, Lambda arn:...)`, or `off`.
    static func words(_ d: SecretDescription) -> String {
        guard d.rotationEnabled else { return "off" }
        var parts: [String] = []
        if let days = d.rotationAfterDays { parts.append("every \(days) days") } else if let s = d.rotationSchedule { parts.append(s) }
        if let arn = d.rotationLambdaARN { parts.append("Lambda \(arn)") }
        return "on" + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }

    /// A failed `RotateSecret` on `secret`: the service's error in the secret's terms (naming the
    /// resource the service names, e.g. a Lambda that does not exist), then the rotation state the
    /// secret is in now — the service may keep a schedule although the rotation failed — read back
    /// with `DescribeSecret`, and how to turn rotation off.
    static func failed(_ error: any Error, secret: String, sm: SecretsManagerClient) -> any Error {
        guard let e = error as? AWSError else { return error }
        let explained = ServiceErrors.explain(e, secret: secret, sm: sm)
        let secretMissing = e.code == "ResourceNotFoundException" && ServiceErrors.otherResource(in: e.message, than: secret) == nil
        guard !secretMissing, !e.isScheduledForDeletion, let told = explained as? any UserFacingError,
              let d = try? sm.describeSecret(id: secret) else { return explained }
        let state = words(d)
        let hint = d.rotationEnabled
            ? (told.hint.map { $0 + "; " } ?? "") + "then lwexec rotate \(secret) again, or turn rotation off: lwexec rotate \(secret) --off"
            : told.hint
        return CommandFailure(told.message + "; rotation of \(secret) is now \(state)", hint: hint)
    }
}
