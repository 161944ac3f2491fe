import ArgumentParser
import AWSCore

/// The `lwexec` command tree. `exec` is the default: `lwexec PREFIX -- cmd` means `lwexec exec PREFIX -- cmd`.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lwexec",
        abstract: "Run a command with AWS Secrets Manager secrets in its environment.",
        usage: """
        lwexec [exec] [<options>] <prefix>... -- <command> [<arg>...]
        lwexec <subcommand> [<options>]
        """,
        discussion: """
        Resolves every secret under the path prefixes, maps names to variables \
        (database_password -> DATABASE_PASSWORD) and runs the command with them. \
        Credentials, region and endpoint come from the usual AWS variables and ~/.aws files.
        """,
        version: LwexecVersion.string,
        subcommands: [ExecCommand.self, CacheCommand.self, WhoamiCommand.self,
                      WriteCommand.self, ReadCommand.self, ListCommand.self, HistoryCommand.self, EnvCommand.self,
                      ImportCommand.self, LintCommand.self, RotateCommand.self, GenerateCommand.self, DeleteCommand.self],
        defaultSubcommand: ExecCommand.self)
}
