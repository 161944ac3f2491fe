/// STS `AssumeRole` for planned `RoleSettings`: the source's credentials first (through the cache),
/// then the call, made from the role's profile (its STS endpoint settings apply).
enum RoleFetch {
    static func fetch(_ s: RoleSettings, source: CredentialPlan, context: CredentialContext) throws(AWSError) -> Credentials {
        var ctx = context
        ctx.profileName = s.profile
        let sourceCreds = try source.fetch(ctx)
        var input = STSClient.AssumeRoleInput(roleARN: s.roleARN, sessionName: s.sessionName ?? "lwexec-\(Clock.epochSeconds())",
                                              externalID: s.externalID, durationSeconds: s.durationSeconds)
        if let serial = s.mfaSerial {
            input.mfaSerial = serial
            input.mfaCode = try ctx.mfaCode(serial)
        }
        ctx.log.debug("assuming \(s.roleARN) with credentials from \(sourceCreds.source)")
        return try STSClient(ctx).assumeRole(input, source: sourceCreds,
                                             label: "role \(s.roleARN) (profile \(s.profile), from \(sourceCreds.source))")
    }
}
