import ArgumentParser
import AWSClient
import SecretsManager

/// `lwexec describe NAME`: a secret's metadata and tags (`DescribeSecret`), never its value.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a secret's metadata and tags: description, dates, rotation, versions. No value.",
        discussion: """
        Asks DescribeSecret: the name, ARN, description, when it was created, changed, rotated and \
        last read, rotation (on or off, schedule, Lambda, next date), a scheduled deletion, the \
        versions with their staging labels, and the tags. The value is never fetched. --json prints \
        the same fields (dates in ISO 8601, UTC; Tags as a list of Key and Value, as AWS gives them).

        Examples:
          lwexec describe /non-prod/backend/database_password
          lwexec describe /prod/backend/jwt_secret_key --json | jq -r '.Tags[] | "\\(.Key)=\\(.Value)"'
        """)

    @Argument(help: ArgumentHelp("The secret's name or ARN.", valueName: "name"), completion: .secretName)
    var name: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let ctx = try ManagementContext(common)
        let d = try ctx.describe(name)
        if json {
            StandardOutput.write(JSONOutput.render(Self.record(d)))
            return
        }
        let rotation = d.rotationEnabled
            ? "on" + (d.rotationAfterDays.map { " (\($0)d)" } ?? d.rotationSchedule.map { " (\($0))" } ?? "")
                + (d.rotationLambdaARN.map { ", lambda \($0)" } ?? "")
            : "off"
        var fields: [(String, String)] = [
            ("name", d.name), ("arn", d.arn ?? "-"), ("description", d.description ?? "-"),
            ("created", d.createdDate.map(Dates.short) ?? "-"), ("last changed", d.lastChangedDate.map(Dates.short) ?? "-"),
            ("last rotated", d.lastRotatedDate.map(Dates.short) ?? "-"), ("rotation", rotation),
        ]
        if d.rotationEnabled { fields.append(("next rotation", d.nextRotationDate.map(Dates.short) ?? "-")) }
        if let deleted = d.deletedDate { fields.append(("deletion", "scheduled for \(Dates.short(deleted)) UTC")) }
        for (i, (id, stages)) in d.versionsToStages.sorted(by: { $0.key < $1.key }).enumerated() {
            fields.append((i == 0 ? "versions" : "", "\(id) \(stages.sorted().joined(separator: ","))"))
        }
        let tags = d.tags.keys.sorted()
        if tags.isEmpty { fields.append(("tags", "-")) }
        for (i, k) in tags.enumerated() { fields.append((i == 0 ? "tags" : "", "\(k)=\(d.tags[k]!)")) }
        for (label, value) in fields {
            StandardOutput.write((label.isEmpty ? "" : label + ":") + String(repeating: " ", count: max(1, 15 - label.count - (label.isEmpty ? 0 : 1)))
                                 + value + "\n")
        }
    }

    /// The description as JSON: AWS's own field names, dates in ISO 8601.
    static func record(_ d: SecretDescription) -> JSONValue {
        var o: [String: JSONValue] = [
            "Name": .string(d.name), "ARN": JSONOutput.string(d.arn), "Description": JSONOutput.string(d.description),
            "CreatedDate": JSONOutput.date(d.createdDate), "LastChangedDate": JSONOutput.date(d.lastChangedDate),
            "LastRotatedDate": JSONOutput.date(d.lastRotatedDate), "DeletedDate": JSONOutput.date(d.deletedDate),
            "RotationEnabled": .bool(d.rotationEnabled), "RotationLambdaARN": JSONOutput.string(d.rotationLambdaARN),
            "NextRotationDate": JSONOutput.date(d.rotationEnabled ? d.nextRotationDate : nil),
            "Versions": .array(d.versionsToStages.keys.sorted().map { id in
                .object(["VersionId": .string(id), "VersionStages": .array((d.versionsToStages[id] ?? []).sorted().map { .string($0) })])
            }),
            "Tags": JSONOutput.tags(d.tags),
        ]
        var rules: [String: JSONValue] = [:]
        if let days = d.rotationAfterDays { rules["AutomaticallyAfterDays"] = .number(String(days)) }
        if let s = d.rotationSchedule { rules["ScheduleExpression"] = .string(s) }
        o["RotationRules"] = rules.isEmpty ? .null : .object(rules)
        return .object(o)
    }
}
