import ExecCore
import ArgumentParser
import AWSClient
import EnvFormats

/// `lwexec env PREFIX...`: the environment `exec` would inject, as dotenv, shell or JSON.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print the environment exec would inject, as dotenv, shell or JSON.",
        discussion: """
        Resolves exactly as exec does (same prefixes, --secret, --recursive, --env-prefix, \
        --expand-json, cache) and prints only the resolved variables: nothing inherited.

        Every value comes back exactly: dotenv is read back unchanged by python-dotenv and docker \
        compose (a value that some reader would expand, such as one with ${...}, is named on \
        stderr). Dotenv is for dotenv readers, not for `source` in a shell (a value that a shell would \
        run as code is named on stderr); shell is quoted so that bash, dash, zsh and fish read every \
        value back exactly and run nothing (quotes and backslashes in double quotes, everything else \
        in single quotes); JSON is one object. \
        `lwexec export` is the same command (chamber's name for it).

        Written to a file (> .env), the values are a plaintext copy on disk: lwexec makes the file \
        readable by its owner only (mode 0600) and says so; `lwexec PREFIX -- CMD` needs no copy.

        Examples:
          lwexec env /non-prod/backend > .env
          eval "$(lwexec env /non-prod/backend --format shell)"
          lwexec env /non-prod/backend --format shell | source     # fish
          lwexec env /non-prod/shared /non-prod/backend --json | jq keys
        """)

    @OptionGroup var arguments: EnvArguments

    func run() throws { try arguments.run() }
}

/// `lwexec export PREFIX...`: chamber's name for `env`, the same options and output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The same as env (chamber's name for it).",
        discussion: "Everything as lwexec env: see lwexec env --help.")

    @OptionGroup var arguments: EnvArguments

    func run() throws { try arguments.run() }
}

/// What `env` and `export` take, and what they do.
struct EnvArguments: ParsableArguments {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case dotenv, shell, json
    }

    @Option(help: ArgumentHelp("Output format: dotenv (default), shell or json.", valueName: "format"))
    var format: Format?

    @Flag(help: "Print JSON (the same as --format json).")
    var json = false

    @OptionGroup var resolution: ResolutionOptions
    @OptionGroup var cache: CacheOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) cannot be used together") }
    }

    func run() throws {
        var o = ExecOptions()
        resolution.apply(to: &o)
        o.pristine = true  // exactly what exec injects: no inherited environment
        cache.apply(to: &o)
        o.quiet = common.quiet
        o.verbose = common.verbose
        o.aws = common.aws
        let log = common.logger
        let result = try SecretPipeline.resolve(o, env: ProcessEnvironment.current(), log: log)
        try RequiredVariables.check(o, environment: result.variables.map { (Array($0.name.utf8), Array($0.value.utf8)) })
        for n in result.notices { log.notice(n) }
        let variables = result.variables.map { ($0.name, $0.value) }
        let text: String
        switch json ? .json : format ?? .dotenv {
        case .dotenv:
            do {
                let out = try DotenvWriter.render(variables)
                for c in out.caveats { log.notice("note: \(c)") }
                text = out.text
            } catch {
                throw CommandFailure("\(error)")
            }
        case .shell:
            text = ShellWriter.render(variables)
        case .json:
            text = JSONEnvWriter.render(variables)
        }
        PlaintextOutput.guardFile(instead: (["lwexec"] + resolution.prefixes + resolution.secret.flatMap { ["--secret", $0] })
            .map(ShellWriter.quoteIfNeeded).joined(separator: " "), log: log)
        StandardOutput.write(text)
    }
}
