import ArgumentParser
import AWSClient
import SecretResolution
import SecretsManager

/// `lwexec list PREFIX`: the secrets under a prefix, with the variables they become and their rotation.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the secrets under a prefix: variable, last change, rotation.",
        discussion: """
        Shows each secret directly under PREFIX (all depths with --recursive), the variable exec \
        would put it in, when it last changed, whether rotation is on and when it rotates next. \
        Values are never fetched. When nothing is directly under PREFIX, lwexec says what is in \
        its sub-paths, or which prefixes are close. A table for people; --json for scripts (dates in ISO 8601, UTC; tags too).

        Examples:
          lwexec list /non-prod/backend
          lwexec list /prod --recursive --json | jq -r '.[] | select(.RotationEnabled | not) | .Name'
        """)

    @Argument(help: ArgumentHelp("A path prefix, e.g. /non-prod/backend.", valueName: "prefix"), completion: .secretPrefix)
    var prefix: String

    @Flag(name: [.customShort("r"), .long], help: "Include secrets in sub-paths.")
    var recursive = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let ctx = try ManagementContext(common)
        let all = try ServiceErrors.aboutPrefix(prefix) { try SecretListing.under(prefix, recursive: true, sm: ctx.sm) }
        let entries = recursive ? all : all.filter(\.direct)
        if json {
            StandardOutput.write(JSONOutput.render(.array(entries.map { e in
                .object([
                    "Name": .string(e.secret.name), "Variable": .string(e.variable),
                    "LastChangedDate": JSONOutput.date(e.secret.lastChangedDate),
                    "RotationEnabled": .bool(e.secret.rotationEnabled),
                    "NextRotationDate": JSONOutput.date(e.secret.rotationEnabled ? e.secret.nextRotationDate : nil),
                    "Description": JSONOutput.string(e.secret.description), "Tags": JSONOutput.tags(e.secret.tags),
                ])
            })))
            return
        }
        if entries.isEmpty {
            let p = PrefixMatching.normalize(prefix)
            if let first = all.first {
                ctx.log.notice("no secrets directly under \(p) (\(all.count) in sub-paths, e.g. \(first.secret.name)); "
                               + "lwexec list \(p) --recursive shows them")
            } else {
                let near = EmptyPrefix.near(p, ctx: ctx)
                ctx.log.notice(EmptyPrefix.message(p, ctx: ctx) + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: " or "))?"))
            }
            return
        }
        var table = Table(headers: ["NAME", "VARIABLE", "LAST CHANGED", "ROTATION", "NEXT ROTATION"])
        for e in entries {
            let s = e.secret
            let rotation = s.rotationEnabled ? "on" + (s.rotationAfterDays.map { " (\($0)d)" } ?? "") : ctx.style.dim("off")
            table.rows.append([s.name, e.variable, s.lastChangedDate.map(Dates.short) ?? "-", rotation,
                               s.rotationEnabled ? s.nextRotationDate.map(Dates.short) ?? "-" : "-"])
        }
        StandardOutput.write(table.render(ctx.style))
    }
}

/// Secrets under a prefix on the path boundary (the service's filter is looser), sorted by name.
enum SecretListing {
    struct Entry {
        var secret: SecretDescription
        var variable: String
        /// Directly under the prefix (not in a sub-path).
        var direct: Bool
    }

    static func under(_ prefix: String, recursive: Bool, sm: SecretsManagerClient) throws -> [Entry] {
        let p = PrefixMatching.normalize(prefix)
        let all = try sm.listSecretDescriptions(namePrefix: PrefixMatching.serviceFilter(for: p))
        var out: [Entry] = []
        for s in all {
            guard let rel = PrefixMatching.relativeName(s.name, under: p), recursive || PrefixMatching.isDirectChild(rel) else { continue }
            out.append(Entry(secret: s, variable: VariableMapping.variableName(for: rel), direct: PrefixMatching.isDirectChild(rel)))
        }
        return out.sorted { $0.secret.name < $1.secret.name }
    }
}
