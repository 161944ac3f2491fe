import ArgumentParser
import AWSClient
import EnvFormats
import LWEncoding
import SecretsManager

/// `lwexec read NAME`: one secret's value, verbatim.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print a secret's value, exactly as stored.",
        discussion: """
        Prints the AWSCURRENT value, or the version chosen with --version-id or --stage. Nothing is \
        added when stdout is not a terminal, so $(lwexec read NAME) and redirections get the value \
        byte for byte; on a terminal a newline ends the output. A binary secret is written as its \
        raw bytes. --json prints the whole record (name, ARN, version, stages, date, tags, value).

        Examples:
          lwexec read /non-prod/backend/database_password
          lwexec read /prod/backend/jwt_secret_key --stage AWSPREVIOUS
          PGPASSWORD=$(lwexec read /non-prod/backend/database_password) psql
        """)

    @Argument(help: ArgumentHelp("The secret's name or ARN.", valueName: "name"), completion: .secretName)
    var name: String

    @Option(help: ArgumentHelp("Read this version.", valueName: "id"))
    var versionID: String?

    @Option(help: ArgumentHelp("Read the version with this staging label, e.g. AWSPREVIOUS.", valueName: "stage"))
    var stage: String?

    @Flag(help: "Print the full record as JSON.")
    var json = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if versionID != nil && stage != nil { throw ValidationError("--version-id and --stage cannot be used together") }
    }

    func run() throws {
        let ctx = try ManagementContext(common)
        let answer = try ServiceErrors.about(name, sm: ctx.sm) {
            try ctx.sm.send(SecretsManagerClient.getCall(id: name, versionID: versionID, stage: stage))
        }
        let value = try SecretsManagerClient.getValue(answer)
        PlaintextOutput.guardFile(instead: "lwexec --secret " + ShellWriter.quoteIfNeeded(name), log: ctx.log)
        if json {
            var record: [String: JSONValue] = [
                "Name": .string(value.name), "ARN": JSONOutput.string(value.arn), "VersionId": JSONOutput.string(value.versionID),
                "VersionStages": .array((answer["VersionStages"]?.array ?? []).filter { $0.string != nil }),
                "CreatedDate": JSONOutput.date(answer["CreatedDate"]?.double),
                "Tags": try Self.tags(name, sm: ctx.sm),
            ]
            switch value.payload {
            case .string(let s): record["SecretString"] = .string(s)
            case .binary(let b): record["SecretBinary"] = .string(Encoding.base64(b))
            }
            StandardOutput.write(JSONOutput.render(.object(record)))
            return
        }
        var bytes: [UInt8]
        switch value.payload {
        case .string(let s): bytes = Array(s.utf8)
        case .binary(let b): bytes = b
        }
        if Terminal.isTerminal(1), bytes.last != 0x0a { bytes.append(0x0a) }
        StandardOutput.write(bytes: bytes)
    }

    /// The secret's tags for --json (`DescribeSecret`); null for an identity that may read the value but not describe it.
    static func tags(_ name: String, sm: SecretsManagerClient) throws(AWSError) -> JSONValue {
        let described: SecretDescription?
        do {
            described = try sm.describeSecret(id: name)
        } catch where error.code == "AccessDeniedException" {
            return .null
        }
        guard let described else { return .null }
        return JSONOutput.tags(described.tags)
    }
}
