import ExecCore
import ArgumentParser
import SecretResolution

/// `lwexec [exec] [OPTIONS] PREFIX... -- COMMAND [ARG...]`.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with the secrets under one or more prefixes in its environment.",
        usage: "lwexec [exec] [<options>] <prefix>... -- <command> [<arg>...]",
        discussion: """
        Every secret directly under each PREFIX becomes a variable: /non-prod/backend/database_password \
        becomes DATABASE_PASSWORD. A later prefix overrides an earlier one, --secret overrides prefixes, \
        and secrets override the inherited environment; each override is announced on stderr (never a value).

        lwexec forwards signals to the command and exits with its status. Its own failures exit 125; \
        a command that cannot run exits 126, one that is not found 127. When anything fails, the command \
        does not start: never with part of its secrets.

        Examples:
          lwexec /non-prod/backend -- python manage.py runserver
          lwexec /prod/shared /prod/backend -- ./server
          lwexec --secret /prod/stripe/api_key=STRIPE_KEY -- ./server
        """)

    @OptionGroup var resolution: ResolutionOptions

    @Flag(help: "Let the inherited environment override secrets.")
    var keepEnv = false

    @Flag(help: "Give the command only the secrets, no inherited environment.")
    var pristine = false

    @OptionGroup var cache: CacheOptions

    @OptionGroup(title: "Supervision") var supervision: SupervisionFlags

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if pristine && keepEnv { throw ValidationError("--pristine and --keep-env cannot be used together") }
    }

    /// The parsed options as plain data, with the command that followed `--`.
    ///
    /// The command is split off at the first `--` before parsing, as the fast path does (and as
    /// `RawArguments` finds its bytes): the parser never sees it, so it is checked here.
    func options(command: [String]?) throws -> ExecOptions {
        guard let command, !command.isEmpty else {
            let prefixes = resolution.prefixes
            throw ValidationError(command == nil && prefixes.count > 1
                ? "missing -- before the command (e.g. lwexec \(prefixes[0]) -- \(prefixes.dropFirst().joined(separator: " ")))"
                : "missing the command: put it after --, e.g. lwexec /non-prod/backend -- env")
        }
        var o = ExecOptions()
        resolution.apply(to: &o)
        o.keepEnv = keepEnv
        o.pristine = pristine
        o.quiet = common.quiet
        o.verbose = common.verbose
        o.aws = common.aws
        cache.apply(to: &o)
        supervision.apply(to: &o)
        o.command = command
        return o
    }
}

