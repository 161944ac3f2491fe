import ArgumentParser
import AWSClient
import Glibc

/// The two ways a shell talks to lwexec about completion, answered before the normal parse:
///
/// - `lwexec --generate-completion-script bash|zsh|fish`: swift-argument-parser's script for
///   the command tree, extended by `CompletionScripts` (the default `exec`, the command after `--`);
/// - `lwexec ---completion <subcommands> -- <argument> <words...>`: candidates for one word.
///
/// A candidate request never writes to stderr, never prompts, and always exits 0 within
/// the completion budget (a watchdog ends it): errors must not land in the user's prompt.
enum CompletionRequest {
    /// Details on stderr when `LWEXEC_COMPLETION_DEBUG=1`, for finding out why nothing is offered.
    static let debug = ProcessEnvironment.current()["LWEXEC_COMPLETION_DEBUG"] == "1"
    static let log = Logger(verbose: debug, quiet: !debug)

    /// Answers and exits when `arguments` is a completion request; returns otherwise.
    static func answerIfAsked(_ arguments: [String]) {
        guard let first = arguments.first else { return }
        if first == "---completion" { complete(arguments) }
        let flag = "--generate-completion-script"
        if first == flag || first.hasPrefix(flag + "=") {
            let name = first.hasPrefix(flag + "=") ? String(first.dropFirst(flag.count + 1)) : arguments.dropFirst().first
            guard arguments.count <= (first == flag ? 2 : 1),
                  let shell = name.map(CompletionShell.init(rawValue:)) ?? CompletionShell.autodetected() else { return }
            print(CompletionScripts.script(for: shell), terminator: "")
            exit(0)
        }
    }

    /// Prints the candidates swift-argument-parser's `---completion` handling computes, or nothing.
    static func complete(_ arguments: [String]) -> Never {
        if !debug { silenceStderr() }
        startWatchdog(afterMs: CompletionNameSource.budget(ProcessEnvironment.current()["LWEXEC_COMPLETION_TIMEOUT"]) + 500)
        do {
            _ = try RootCommand.parseAsRoot(arguments)
        } catch {
            if RootCommand.exitCode(for: error) == .success { print(RootCommand.fullMessage(for: error)) }
        }
        exit(0)
    }

    /// Points stderr at /dev/null: nothing any layer prints reaches the prompt.
    static func silenceStderr() {
        let fd = open("/dev/null", O_WRONLY | O_CLOEXEC)
        if fd >= 0 { dup2(fd, 2); close(fd) }
    }

    /// Ends the process quietly (exit 0, no output) after `ms`, whatever it is waiting for.
    static func startWatchdog(afterMs ms: Int) {
        signal(SIGALRM) { _ in _exit(0) }
        var timer = itimerval()
        timer.it_value.tv_sec = ms / 1000
        timer.it_value.tv_usec = suseconds_t((ms % 1000) * 1000)
        setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
    }
}
