import ExecCore
import ArgumentParser
import SecretResolution

/// What to resolve and how to name it: shared by `exec` and `env` (which prints what exec would inject).
///
/// One definition, so a command line moves between the two unchanged.
struct ResolutionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Secret path prefixes, e.g. /non-prod/backend.", valueName: "prefix"), completion: .secretPrefix)
    var prefixes: [String] = []

    @Option(name: [.customShort("s"), .long], help: ArgumentHelp(
        "A secret by name, optionally into a chosen variable (repeatable); overrides prefixes.",
        valueName: "name[=VAR]"), completion: .secretName)
    var secret: [String] = []

    @Flag(name: [.customShort("r"), .long], help: "Take secrets in sub-paths too (backend/db_password -> BACKEND_DB_PASSWORD).")
    var recursive = false

    @Option(help: ArgumentHelp("Prepend this to every derived variable name.", valueName: "prefix"))
    var envPrefix: String = ""

    @Flag(help: "Turn a secret holding a JSON object into one variable per key.")
    var expandJSON = false

    @Flag(help: "Do not fail when a prefix holds no secrets.")
    var allowEmpty = false

    @Option(help: ArgumentHelp("Let a secret set this variable although it changes how programs load code (LD_PRELOAD, BASH_ENV, PATH, NODE_OPTIONS...; repeatable).",
                               valueName: "name"))
    var allowVariable: [String] = []

    @Option(help: ArgumentHelp("Fail before anything runs unless the command gets this variable (repeatable).", valueName: "name"))
    var require: [String] = []

    @Option(help: ArgumentHelp("Like --require, for every name in the file (one a line, # comments).", valueName: "file"),
            completion: .file())
    var requireFile: [String] = []

    func validate() throws {
        for s in secret where SecretRef(parsing: s) == nil { throw ValidationError("--secret needs a secret name") }
        for v in require where !VariableMapping.isValidName(v) {
            throw ValidationError("--require takes a variable name such as DATABASE_PASSWORD (got \(v))")
        }
        for v in allowVariable where !VariableMapping.isValidName(v) {
            throw ValidationError("--allow-variable takes a variable name such as LD_PRELOAD (got \(v))")
        }
        if prefixes.isEmpty && secret.isEmpty { throw ValidationError("name a prefix (e.g. /non-prod/backend) or --secret NAME") }
    }

    /// Copies these options into `o`.
    func apply(to o: inout ExecOptions) {
        o.prefixes = prefixes
        o.secrets = secret.compactMap(SecretRef.init(parsing:))
        o.recursive = recursive
        o.envPrefix = envPrefix
        o.expandJSON = expandJSON
        o.allowEmpty = allowEmpty
        o.allowVariables = allowVariable
        o.require = require
        o.requireFiles = requireFile
    }
}
