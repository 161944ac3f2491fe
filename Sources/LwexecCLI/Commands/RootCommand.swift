import ArgumentParser
import AWSClient

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
        // Running first, then reading, then changing secrets, then the tools around them.
        subcommands: [ExecCommand.self, EnvCommand.self, ExportCommand.self,
                      ListCommand.self, ReadCommand.self, DescribeCommand.self, HistoryCommand.self,
                      WriteCommand.self, ImportCommand.self, TagCommand.self, RotateCommand.self, DeleteCommand.self,
                      GenerateCommand.self, LintCommand.self, WhoamiCommand.self, CacheCommand.self, VersionCommand.self],
        defaultSubcommand: ExecCommand.self)
}
