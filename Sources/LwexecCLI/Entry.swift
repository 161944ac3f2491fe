import ExecCore
import ArgumentParser
import AWSClient
import SecretResolution
import Glibc
import Launcher

/// The entry point the `lwexec` executable calls: the fast path when it applies, else the full parser.
public enum LwexecMain {
    public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        ProcessHardening.apply()  // before any secret or credential is read
        CompletionRequest.answerIfAsked(arguments)  // `---completion`, `--generate-completion-script`: before `--` is split off
        if let options = FastPath.parse(arguments, subcommands: FastPath.subcommands) {
            ExecRunner.run(options)
        }
        let (typed, command) = splitAtTerminator(arguments)
        if typed.isEmpty && command == nil {
            StandardOutput.write(CommandLineHabits.shortUsage)
            exit(0)
        }
        let names = subcommandNames
        if let failure = CommandLineHabits.typo(typed, subcommands: names.sorted()) { Failure.exit(failure.message, hint: failure.hint) }
        let head = CommandLineHabits.moveGlobalOptions(typed, subcommands: names)
        if typed.first == "help", typed.count > 1, !names.contains(typed[1]) {
            let near = CommandLineHabits.suggestions(for: typed[1], subcommands: names.sorted())
            Failure.exit("no such command: \(typed[1])",
                         hint: near.isEmpty ? "lwexec --help lists the commands" : CommandLineHabits.didYouMean(near))
        }
        if command == nil, !names.contains(head.first ?? "") || head.first == "exec",
           let failure = CommandLineHabits.missingTerminator(head) {
            Failure.exit(failure.message, hint: failure.hint)
        }
        do {
            var parsed = try RootCommand.parseAsRoot(head)
            if let exec = parsed as? ExecCommand {
                ExecRunner.run(try exec.options(command: command))
            }
            try parsed.run()
            exit(0)
        } catch let error as any UserFacingError {
            error.exitLwexec()
        } catch let code as ExitCode where code != .success && code != .validationFailure {
            // A verdict, not a failure: `lint` exits 1 when it has findings.
            exit(code.rawValue)
        } catch {
            let code = RootCommand.exitCode(for: error)
            if code == .success {
                print(RootCommand.fullMessage(for: error))
                exit(0)
            }
            let message = RootCommand.message(for: error)
            if let (option, hint) = OptionHints.unknown(message, head: head) { Failure.exit("unknown option '\(option)'", hint: hint) }
            Failure.exit(message, hint: "run lwexec --help for usage")
        }
    }

    /// Names of the subcommands, from the parser's own definition.
    static var subcommandNames: Set<String> {
        Set(RootCommand.configuration.subcommands.map { $0._commandName } + ["help"])
    }

    /// The arguments before the first `--`, and those after it (nil when there is no `--`).
    static func splitAtTerminator(_ arguments: [String]) -> ([String], [String]?) {
        guard let i = arguments.firstIndex(of: "--") else { return (arguments, nil) }
        return (Array(arguments[..<i]), Array(arguments[(i + 1)...]))
    }

    /// Parses with the full parser only, for tests comparing it with the fast path.
    static func parseExecOptionsWithFullParser(_ arguments: [String]) -> ExecOptions? {
        let (typed, command) = splitAtTerminator(arguments)
        let head = CommandLineHabits.moveGlobalOptions(typed, subcommands: subcommandNames)
        guard let parsed = try? RootCommand.parseAsRoot(head), let exec = parsed as? ExecCommand else { return nil }
        return try? exec.options(command: command)
    }
}
