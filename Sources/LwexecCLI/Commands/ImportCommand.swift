import ArgumentParser
import AWSClient
import EnvFormats
import Glibc
import SecretPolicy
import SecretResolution

/// `lwexec import PREFIX FILE`: a dotenv or JSON file into secrets under a prefix.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Create or update one secret per variable of a dotenv or JSON file.",
        discussion: """
        Each variable becomes a secret under PREFIX: STRIPE_API_KEY -> PREFIX/stripe_api_key, \
        with the same naming rules and tags as write. Every name is checked before anything is \
        written. Values equal to the current ones are left alone; the report says what was \
        created, updated and unchanged (names only).

        FILE is dotenv (python-dotenv's syntax, values taken literally: no ${...} expansion) or a \
        JSON object of strings; - reads stdin. The format follows the extension (.json) or the \
        first character ({), unless --format says.

        Examples:
          lwexec import /non-prod/backend .env
          lwexec env /non-prod/backend | lwexec import /non-prod/backend_copy -
          lwexec import /non-prod/backend secrets.json --dry-run
        """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case auto, dotenv, json
    }

    @Argument(help: ArgumentHelp("Where the secrets go, e.g. /non-prod/backend.", valueName: "prefix"), completion: .secretPrefix)
    var prefix: String

    @Argument(help: ArgumentHelp("A dotenv or JSON file; - for stdin.", valueName: "file"), completion: .file())
    var file: String

    @Option(help: ArgumentHelp("The file's format.", valueName: "format"))
    var format: Format = .auto

    @Option(help: ArgumentHelp("The description of secrets this import creates.", valueName: "text"))
    var description: String?

    @Flag(help: "Show what would be created or updated, and write nothing.")
    var dryRun = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var write: SecretWriteOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let env = ProcessEnvironment.current()
        let entries = try readEntries()
        if entries.isEmpty { throw CommandFailure("\(file) holds no variables") }
        let gate = NamingGate(env: env)
        let named = entries.map { (name: ImportNames.secretName(prefix: prefix, variable: $0.0), value: $0.1) }
        var owners: [String: String] = [:]
        for (variable, item) in zip(entries.map(\.0), named) {
            if let other = owners.updateValue(variable, forKey: item.name) {
                throw CommandFailure("\(other) and \(variable) both become \(item.name)", hint: "keep one of them")
            }
            guard VariableMapping.isValidName(variable) else {
                throw CommandFailure("\(variable) is not a valid variable name", hint: "use letters, digits and underscores")
            }
            if item.value.isEmpty { throw CommandFailure("\(variable) is empty; Secrets Manager does not store empty values") }
            if item.value.utf8.count > SecretInput.maxBytes { throw CommandFailure("\(variable) is larger than Secrets Manager's 64 KiB limit") }
            try SecretInput.refuseNUL(Array(item.value.utf8), what: variable)
            try gate.enforce(item.name, force: write.force)
        }
        let ctx = try ManagementContext(common)
        if dryRun {
            let existing = Set(try SecretListing.under(prefix, recursive: false, sm: ctx.sm).map(\.secret.name))
            for item in named {
                StandardOutput.write("\(existing.contains(item.name) ? "would update (if changed)" : "would create") \(item.name)\n")
            }
            return
        }
        let upserter = SecretUpserter(sm: ctx.sm, log: ctx.log)
        var counts: [String: Int] = ["created": 0, "updated": 0, "unchanged": 0]
        var report: [JSONValue] = []
        for item in named {
            let outcome = try ServiceErrors.about(item.name) {
                try upserter.write(.init(name: item.name, value: item.value, description: description,
                                         tags: write.tagOverrides, skipUnchanged: true, managedBy: write.managedBy))
            }
            counts[outcome.word, default: 0] += 1
            if json {
                report.append(.object(["Name": .string(item.name), "Result": .string(outcome.word),
                                       "VersionId": JSONOutput.string(outcome.versionID)]))
            } else {
                WriteReport.print(outcome, name: item.name, json: false, style: ctx.style)
            }
        }
        if json {
            StandardOutput.write(JSONOutput.render(.array(report)))
        } else {
            ctx.log.notice("\(counts["created"]!) created, \(counts["updated"]!) updated, \(counts["unchanged"]!) unchanged")
        }
    }

    /// The file's variables, in order.
    func readEntries() throws -> [(String, String)] {
        let bytes = try readFile()
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CommandFailure("\(file) is not UTF-8 text") }
        let isJSON = format == .json || (format == .auto && (file.hasSuffix(".json")
            || text.drop(while: { $0.isWhitespace }).first == "{"))
        if isJSON {
            let parsed: JSONValue
            do { parsed = try JSON.parse(text) } catch { throw CommandFailure("\(file) is not valid JSON: \(error)") }
            guard case .object(let members) = parsed else { throw CommandFailure("\(file) must hold a JSON object of strings") }
            return try members.keys.sorted().map { k in
                guard let s = members[k]!.string else {
                    throw CommandFailure("\(k) in \(file) is not a string", hint: "quote numbers and nest objects as JSON text")
                }
                return (k, s)
            }
        }
        do { return try DotenvReader.parse(text) } catch { throw CommandFailure("\(file): \(error)") }
    }

    func readFile() throws -> [UInt8] {
        if file == "-" { return try SecretInput.readAllStdin(limit: 16 * 1024 * 1024) }
        let bytes: [UInt8]?
        do { bytes = try FileReading.contents(of: file) } catch { throw CommandFailure("\(error)") }
        guard let bytes else { throw CommandFailure("cannot open \(file): \(String(cString: strerror(ENOENT)))") }
        return bytes
    }
}
