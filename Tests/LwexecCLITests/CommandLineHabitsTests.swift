import Testing
@testable import LwexecCLI

/// Habits from the AWS CLI and chamber: what the user typed, and what lwexec makes of it.
@Suite struct CommandLineHabitsTests {
    let names = LwexecMain.subcommandNames

    @Test func globalOptionsMoveAfterTheSubcommand() {
        #expect(CommandLineHabits.moveGlobalOptions(["--region", "us-east-1", "env", "/p"], subcommands: names)
                == ["env", "--region", "us-east-1", "/p"])
        #expect(CommandLineHabits.moveGlobalOptions(["-v", "--profile=default", "whoami"], subcommands: names)
                == ["whoami", "-v", "--profile=default"])
        #expect(CommandLineHabits.moveGlobalOptions(["--region", "x", "/p"], subcommands: names) == ["--region", "x", "/p"])
        #expect(CommandLineHabits.moveGlobalOptions(["--cache", "list"], subcommands: names) == ["--cache", "list"])
    }

    @Test func typosOfSubcommandsAreNamed() {
        #expect(CommandLineHabits.typo(["lsit", "/non-prod/backend"], subcommands: names.sorted())?.message
                == "unknown command 'lsit'; did you mean 'list'?")
        #expect(CommandLineHabits.typo(["-v", "wirte", "/p/x"], subcommands: names.sorted())?.message.contains("'write'") == true)
        #expect(CommandLineHabits.typo(["/non-prod/backend"], subcommands: names.sorted()) == nil)
        #expect(CommandLineHabits.typo(["list"], subcommands: names.sorted()) == nil)
        #expect(CommandLineHabits.typo(["exec", "backend"], subcommands: names.sorted()) == nil)
        #expect(CommandLineHabits.typo(["arn:aws:secretsmanager:us-east-1:1:secret:x", "--", "true"], subcommands: names.sorted()) == nil)
    }

    /// Issue 23: a first word that is neither a command nor a secret path is an unknown command, even
    /// after options, with what it means in other tools.
    @Test func aWordThatIsNoCommandAndNoPathIsAnUnknownCommand() {
        let sorted = names.sorted()
        #expect(CommandLineHabits.typo(["backend"], subcommands: sorted)?.message == "unknown command 'backend'")
        #expect(CommandLineHabits.typo(["show", "/a/b"], subcommands: sorted)?.message
                == "unknown command 'show'; did you mean 'describe' or 'read'?")
        #expect(CommandLineHabits.typo(["--cache", "-s", "/a/b", "get"], subcommands: sorted)?.message
                == "unknown command 'get'; did you mean 'read'?")
        #expect(CommandLineHabits.typo(["--profile", "p", "whoami"], subcommands: sorted) == nil)
        #expect(CommandLineHabits.typo(["export", "/a"], subcommands: sorted) == nil)
    }

    @Test func theCommandWithoutDoubleDashIsShownWithIt() {
        let f = CommandLineHabits.missingTerminator(["/non-prod/backend", "python3", "-c", "print(1)"])
        #expect(f?.message == "missing -- before the command python3")
        #expect(f?.hint == "put -- between the prefixes and the command: lwexec /non-prod/backend -- python3 -c 'print(1)'")
        #expect(CommandLineHabits.missingTerminator(["--secret", "/a/b", "/p", "./server"])?.hint?.hasSuffix("/p -- ./server") == true)
        #expect(CommandLineHabits.missingTerminator(["/a", "/b"]) == nil)
    }
}
