import ArgumentParser
import AWSClient
import SecretPolicy
import SecretsManager

/// `lwexec delete NAME`: delete a secret (with a recovery window), or clean up an old version.
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a secret, or retire an old version after a rotation.",
        discussion: """
        Deletes the secret after a recovery window (default 30 days, 7 to 30 with --recovery-days; \
        aws secretsmanager restore-secret undoes it meanwhile), or at once with \
        --force-delete-without-recovery.

        With --version-id, only that version is retired, as the SOP's clean-up after a rotation: \
        its staging labels (AWSPREVIOUS, custom) are removed, and Secrets Manager deletes the \
        deprecated version in time. The current version (AWSCURRENT) and a rotation in progress \
        (AWSPENDING) are refused, and so is a clean-up within 24 hours of the rotation (the SOP's \
        grace period) unless --skip-grace-period.

        On a terminal lwexec asks first; elsewhere --yes is required.

        Examples:
          lwexec delete /non-prod/backend/old_api_key
          lwexec delete /non-prod/backend/old_api_key --recovery-days 7 --yes
          lwexec delete /prod/backend/jwt_secret_key --version-id 3f1c9a6e-...
        """)

    @Argument(help: ArgumentHelp("The secret's name or ARN.", valueName: "name"), completion: .secretName)
    var name: String

    @Option(help: ArgumentHelp("Days the deleted secret can still be restored, 7 to 30 (default: 30).", valueName: "days"))
    var recoveryDays: Int?

    @Flag(help: "Delete at once, with no way to restore it.")
    var forceDeleteWithoutRecovery = false

    @Option(help: ArgumentHelp("Retire only this version (remove its staging labels).", valueName: "id"))
    var versionID: String?

    @Flag(help: "Retire a version even within 24 hours of the rotation that replaced it.")
    var skipGracePeriod = false

    @Flag(name: [.customShort("y"), .long], help: "Do not ask; required when stdin is not a terminal.")
    var yes = false

    @Flag(help: "Print the result as JSON (Name, ARN, DeletionDate, RecoveryWindowInDays; VersionId, RemovedStages).")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let d = recoveryDays, !(7...30).contains(d) { throw ValidationError("--recovery-days must be between 7 and 30") }
        if recoveryDays != nil && forceDeleteWithoutRecovery {
            throw ValidationError("--recovery-days and --force-delete-without-recovery cannot be used together")
        }
        if versionID != nil && (recoveryDays != nil || forceDeleteWithoutRecovery) {
            throw ValidationError("--version-id retires one version; it takes no recovery option")
        }
        if skipGracePeriod && versionID == nil { throw ValidationError("--skip-grace-period goes with --version-id") }
    }

    func run() throws {
        // Refuse before any AWS call when nobody can confirm.
        if !yes && !Confirmation.interactive {
            throw CommandFailure("refusing to delete without confirmation: stdin is not a terminal",
                                 hint: "add --yes to confirm in scripts")
        }
        let ctx = try ManagementContext(common)
        if let versionID {
            try retire(versionID, ctx: ctx)
        } else {
            try deleteSecret(ctx: ctx)
        }
    }

    func deleteSecret(ctx: ManagementContext) throws {
        let mode: DeletionMode = forceDeleteWithoutRecovery ? .withoutRecovery : .recoveryWindow(days: recoveryDays ?? 30)
        let d = try ctx.describe(name)
        if let deleted = d.deletedDate {
            throw CommandFailure("\(name) is already scheduled for deletion\(ServiceErrors.deletionWhen(deleted))")
        }
        if !yes {
            let what = forceDeleteWithoutRecovery ? "at once, with NO recovery" : "after a \(recoveryDays ?? 30)-day recovery window"
            guard Confirmation.ask("Delete \(name) \(what)? Type the name to confirm: ", expected: name) else {
                throw CommandFailure("not confirmed; nothing was deleted")
            }
        }
        let answer = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.send(SecretsManagerClient.deleteSecretCall(id: name, mode: mode)) }
        CacheInvalidation.secretChanged(name, log: ctx.log)
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "ARN": JSONOutput.string(d.arn), "DeletionDate": JSONOutput.date(SecretsManagerClient.deletionDate(answer)),
                "RecoveryWindowInDays": forceDeleteWithoutRecovery ? .null : .number(String(recoveryDays ?? 30)),
            ])))
        } else if forceDeleteWithoutRecovery {
            StandardOutput.write("\(ctx.style.red("deleted")) \(name) (no recovery)\n")
        } else {
            let when = SecretsManagerClient.deletionDate(answer).map { " on \(Dates.short($0)) UTC" } ?? ""
            StandardOutput.write("\(ctx.style.yellow("scheduled for deletion")) \(name)\(when); "
                + "undo with aws secretsmanager restore-secret --secret-id \(name)\n")
        }
    }

    /// The SOP's clean-up of an old version: its labels removed, so the service retires it.
    func retire(_ id: String, ctx: ManagementContext) throws {
        let versions = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.listVersions(id: name) }
        guard let v = versions.first(where: { $0.versionID == id }) else {
            throw CommandFailure("\(name) has no version \(id)", hint: "lwexec history \(name) lists its versions")
        }
        if v.stages.contains("AWSCURRENT") {
            throw CommandFailure("version \(id) is the current value of \(name) (AWSCURRENT); refusing to retire it",
                                 hint: "rotate first (lwexec rotate \(name) --generate), then retire the old version")
        }
        if v.stages.contains("AWSPENDING") {
            throw CommandFailure("version \(id) of \(name) is AWSPENDING: a rotation is in progress",
                                 hint: "let the rotation finish, then retire the old version")
        }
        if v.isDeprecated {
            if json { StandardOutput.write(retired(id, stages: [])); return }
            StandardOutput.write("version \(id) of \(name) has no staging labels left; Secrets Manager deletes it in time\n")
            return
        }
        let current = versions.first { $0.stages.contains("AWSCURRENT") }
        if !skipGracePeriod, let since = current?.createdDate,
           let left = GracePeriod.remaining(since: since, now: Double(Clock.epochSeconds())) {
            throw CommandFailure("the current version of \(name) is less than 24 hours old: the SOP keeps the previous one for a grace period (\(GracePeriod.describe(left)) left)",
                                 hint: "retry later, or add --skip-grace-period once every consumer uses the new value")
        }
        if !yes {
            guard Confirmation.ask("Retire version \(id) of \(name) (remove \(v.stages.joined(separator: ", ")))? Type yes: ", expected: "yes") else {
                throw CommandFailure("not confirmed; nothing was changed")
            }
        }
        for stage in v.stages {
            _ = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.send(SecretsManagerClient.removeStageCall(id: name, stage: stage, versionID: id)) }
        }
        if json { StandardOutput.write(retired(id, stages: v.stages)); return }
        StandardOutput.write("\(ctx.style.yellow("retired")) version \(id) of \(name) (removed \(v.stages.joined(separator: ", ")))\n")
    }

    /// The --json result of retiring a version.
    func retired(_ id: String, stages: [String]) -> String {
        JSONOutput.render(.object(["Name": .string(name), "VersionId": .string(id), "RemovedStages": .array(stages.map { .string($0) })]))
    }
}
