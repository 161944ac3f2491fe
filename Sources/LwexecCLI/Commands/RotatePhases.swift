import AWSClient
import SecretPolicy
import SecretsManager

/// `lwexec rotate NAME --pending`'s report, `--promote` (the second phase of a manual rotation) and `--off`.
extension RotateCommand {
    /// After the first phase: the new value is AWSPENDING, consumers still read AWSCURRENT.
    func reportPending(_ r: WriteResult, current: String?, style: Style) {
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "Mode": .string("pending"),
                "VersionId": JSONOutput.string(r.versionID), "CurrentVersionId": JSONOutput.string(current),
            ])))
            return
        }
        StandardOutput.write("""
        \(style.green("written")) \(name): new AWSPENDING version \(r.versionID ?? "?") (consumers keep AWSCURRENT \(current ?? "?") until you promote)
        next steps (SOP, two-phase rotation):
          1. set the new value on the system that checks it (e.g. the database): lwexec read \(name) --stage AWSPENDING
          2. promote it, so consumers get it (--watch restarts them): lwexec rotate \(name) --promote
          3. verify the services' health; after the 24-hour grace period: lwexec delete \(name) --version-id \(current ?? "OLD_VERSION")

        """)
    }

    /// The second phase: AWSCURRENT moves to the AWSPENDING version (the service labels the old one
    /// AWSPREVIOUS), then AWSPENDING comes off it if the service left it there.
    func promotePending() throws {
        if !yes && !Confirmation.interactive {
            throw CommandFailure("refusing to promote the pending version of \(name) without confirmation: stdin is not a terminal",
                                 hint: "add --yes to confirm in scripts")
        }
        let ctx = try ManagementContext(common)
        let before = try describe(ctx)
        guard let pendingID = before.version(withStage: "AWSPENDING") else {
            throw CommandFailure("\(name) has no AWSPENDING version to promote",
                                 hint: "write one first: lwexec rotate \(name) --generate --pending")
        }
        guard let currentID = before.version(withStage: "AWSCURRENT") else {
            throw CommandFailure("\(name) has no AWSCURRENT version", hint: "lwexec history \(name) shows its versions")
        }
        if !yes {
            try ask("Make version \(pendingID) of \(name) AWSCURRENT (consumers get it at their next read; --watch restarts them)? "
                    + "Type the name to confirm: ")
        }
        if currentID != pendingID {
            _ = try ServiceErrors.about(name, sm: ctx.sm) {
                try ctx.sm.send(SecretsManagerClient.moveStageCall(id: name, stage: "AWSCURRENT", to: pendingID, from: currentID))
            }
        }
        CacheInvalidation.secretChanged(name, log: ctx.log)
        let after = try describe(ctx)
        if after.versionsToStages[pendingID]?.contains("AWSPENDING") == true {
            _ = try ServiceErrors.about(name, sm: ctx.sm) {
                try ctx.sm.send(SecretsManagerClient.removeStageCall(id: name, stage: "AWSPENDING", versionID: pendingID))
            }
        }
        if json {
            StandardOutput.write(JSONOutput.render(.object([
                "Name": .string(name), "Mode": .string("promote"),
                "VersionId": .string(pendingID), "PreviousVersionId": .string(currentID),
            ])))
            return
        }
        StandardOutput.write("""
        \(ctx.style.green("promoted")) version \(pendingID) of \(name) to AWSCURRENT; previous \(currentID) is now AWSPREVIOUS
        next steps: restart the consumers (or let lwexec exec --watch restart them), verify them, and after the 24-hour grace period: lwexec delete \(name) --version-id \(currentID)

        """)
    }

    /// Automatic rotation off (CancelRotateSecret); the Lambda stays configured.
    func turnOff() throws {
        let prod = ManualRotation.isProduction(name)
        if prod && !yes && !Confirmation.interactive {
            throw CommandFailure("refusing to turn off rotation of \(name) (production) without confirmation: stdin is not a terminal",
                                 hint: "add --yes to confirm in scripts")
        }
        let ctx = try ManagementContext(common)
        let before = try describe(ctx)
        if before.rotationEnabled {
            if prod && !yes { try ask("Turn off automatic rotation of \(name)? Type the name to confirm: ") }
            _ = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.send(SecretsManagerClient.cancelRotateSecretCall(id: name)) }
        }
        if json {
            StandardOutput.write(JSONOutput.render(.object(["Name": .string(name), "Mode": .string("off"), "Changed": .bool(before.rotationEnabled)])))
            return
        }
        StandardOutput.write(before.rotationEnabled
            ? "\(ctx.style.yellow("rotation off")) for \(name); lwexec rotate \(name) --schedule 30d turns it on again\n"
            : "rotation was already off for \(name)\n")
    }
}
