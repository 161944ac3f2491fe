import ArgumentParser
import AWSClient
import SecretsManager

/// `lwexec history NAME`: every version of a secret, deprecated ones included.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a secret's versions with their stages and dates, newest first.",
        discussion: """
        Lists every version, deprecated ones (no staging label left) included: the version id, its \
        labels (AWSCURRENT, AWSPREVIOUS, AWSPENDING, custom), when it was created and last read. \
        Values are never fetched. Use it to find the old version to clean up after a rotation.

        Examples:
          lwexec history /prod/backend/jwt_secret_key
          lwexec history /prod/backend/jwt_secret_key --json
        """)

    @Argument(help: ArgumentHelp("The secret's name or ARN.", valueName: "name"), completion: .secretName)
    var name: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let ctx = try ManagementContext(common)
        // The secret first: a clear "not found" with suggestions (emulators answer ListSecretVersionIds
        // for a missing secret with a 500).
        let d = try ctx.describe(name)
        if let deleted = d.deletedDate { throw ServiceErrors.scheduledForDeletion(name, sm: ctx.sm, deletedDate: deleted) }
        let versions = try ServiceErrors.about(name, sm: ctx.sm) { try ctx.sm.listVersions(id: name) }
        if json {
            StandardOutput.write(JSONOutput.render(.array(versions.map { v in
                .object([
                    "VersionId": .string(v.versionID), "VersionStages": .array(v.stages.map { .string($0) }),
                    "CreatedDate": JSONOutput.date(v.createdDate), "LastAccessedDate": JSONOutput.date(v.lastAccessedDate),
                    "Deprecated": .bool(v.isDeprecated),
                ])
            })))
            return
        }
        var table = Table(headers: ["VERSION", "STAGES", "CREATED", "LAST ACCESSED"])
        for v in versions {
            let stages = v.isDeprecated ? ctx.style.dim("(deprecated)") : v.stages.joined(separator: ",")
            table.rows.append([v.versionID, stages, v.createdDate.map(Dates.short) ?? "-",
                               v.lastAccessedDate.map { String(Dates.short($0).prefix(10)) } ?? "-"])
        }
        StandardOutput.write(table.render(ctx.style))
    }
}
