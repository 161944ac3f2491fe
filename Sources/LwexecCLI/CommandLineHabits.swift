import EnvFormats

/// Habits users bring from the AWS CLI and chamber, made to work or explained in their own words
/// before the parser sees the command line.
///
/// - Global options before the subcommand (`lwexec --profile prod whoami`, `lwexec -v write ...`)
///   are moved after it, where the parser takes them.
/// - A first word that is a typo of a subcommand (`lwexec lsit /p`) is an error that names it,
///   instead of a prefix called `lsit`; so is any first word that is neither a subcommand nor a
///   secret path (`/...`) or ARN (`arn:...`): `lwexec show NAME`, `lwexec get NAME`.
/// - A command after the prefixes without `--` (`lwexec /p python3 -c ...`) is an error that shows
///   the line with `--` where it goes.
enum CommandLineHabits {
    /// Options every subcommand that calls AWS takes, flags and options with a value.
    static let globalFlags = ["-v", "--verbose", "-q", "--quiet"]
    static let globalValued = ["--profile", "--region", "--endpoint-url", "--timeout"]

    /// Options of `exec` that take a value (so that their value is not taken for the command).
    static let execValued = globalValued + ["-s", "--secret", "--env-prefix", "--allow-variable", "--require", "--require-file",
                                            "--cache-ttl", "--stale-if-error", "--watch", "--on-change", "--kill-signal", "--kill-timeout"]

    /// How many words global option `word` spans (1 or 2), or 0 when it is not one.
    static func globalSpan(_ word: String) -> Int {
        if globalFlags.contains(word) { return 1 }
        if globalValued.contains(word) { return 2 }
        if let eq = word.firstIndex(of: "="), globalValued.contains(String(word[..<eq])) { return 1 }
        return 0
    }

    /// `head` with the global options written before a subcommand moved after it.
    static func moveGlobalOptions(_ head: [String], subcommands: Set<String>) -> [String] {
        var i = 0
        while i < head.count {
            let span = globalSpan(head[i])
            if span == 0 { break }
            i += span
        }
        guard i > 0, i < head.count, subcommands.contains(head[i]) else { return head }
        return [head[i]] + head[..<i] + head[(i + 1)...]
    }

    /// The first word that is neither a global option nor its value.
    static func firstWord(_ head: [String]) -> String? {
        var i = 0
        while i < head.count {
            let span = globalSpan(head[i])
            if span == 0 { return head[i] }
            i += span
        }
        return nil
    }

    /// Words people bring from other tools (the AWS CLI, chamber, git) and the subcommands they mean.
    static let synonyms: [String: [String]] = [
        "show": ["describe", "read"], "get": ["read"], "cat": ["read"], "info": ["describe"], "inspect": ["describe"],
        "ls": ["list"], "find": ["list"], "search": ["list"],
        "rm": ["delete"], "del": ["delete"], "remove": ["delete"],
        "set": ["write"], "put": ["write"], "create": ["write"], "add": ["write"], "update": ["write"],
        "run": ["exec"], "versions": ["history"], "log": ["history"], "audit": ["lint"], "check": ["lint"],
        "tags": ["tag"], "gen": ["generate"], "password": ["generate"], "id": ["whoami"], "identity": ["whoami"],
    ]

    /// Whether `word` may be a secret path or ARN where a first word is expected.
    static func isSecretPath(_ word: String) -> Bool {
        word.hasPrefix("/") || word.hasPrefix("arn:")
    }

    /// The first word that is neither an option nor an option's value (exec's options included).
    static func firstPositional(_ head: [String]) -> String? {
        var i = 0
        while i < head.count {
            let w = head[i]
            guard w.hasPrefix("-"), w.count > 1 else { return w }
            i += execValued.contains(w) ? 2 : 1
        }
        return nil
    }

    /// An error for a first word that is no subcommand and no secret path (`lsit`, `show`, `backend`):
    /// lwexec would otherwise take it for a prefix. Names the closest subcommands when there are any.
    static func typo(_ head: [String], subcommands: [String]) -> CommandFailure? {
        guard let word = firstPositional(head), !isSecretPath(word), !subcommands.contains(word) else { return nil }
        let hint = "lwexec --help lists the commands; a secret prefix starts with / (e.g. /non-prod/backend)"
        if word.contains("/") {
            return CommandFailure("'\(word)' is neither a command nor a secret path; did you mean /\(word)?",
                                  hint: "secret paths start with / (e.g. /non-prod/backend); lwexec --help lists the commands")
        }
        let near = suggestions(for: word, subcommands: subcommands)
        guard !near.isEmpty else { return CommandFailure("unknown command '\(word)'", hint: hint) }
        return CommandFailure("unknown command '\(word)'; \(didYouMean(near))", hint: hint)
    }

    /// Up to three subcommands `word` may mean: what it means in other tools, then the closest by spelling.
    static func suggestions(for word: String, subcommands: [String]) -> [String] {
        var near = (synonyms[word] ?? []).filter(subcommands.contains)
        near += subcommands.map { ($0, distance(word, $0)) }.filter { $0.1 <= max(1, min(2, word.count / 3)) && !near.contains($0.0) }
            .sorted { $0.1 < $1.1 }.map(\.0)
        return Array(near.prefix(3))
    }

    /// "did you mean 'a' or 'b'?"
    static func didYouMean(_ names: [String]) -> String {
        "did you mean " + names.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// For `lwexec [exec] PREFIX... CMD ARG...` without `--`: the line with `--` where it goes.
    static func missingTerminator(_ head: [String]) -> CommandFailure? {
        var i = 0, sawPrefix = false
        if head.first == "exec" { i = 1 }
        while i < head.count {
            let w = head[i]
            if w.hasPrefix("-") {
                let valued = execValued.contains(w)
                i += valued ? 2 : 1
                continue
            }
            if w.hasPrefix("/") { sawPrefix = true; i += 1; continue }
            guard sawPrefix else { return nil }
            let line = (["lwexec"] + head[..<i] + ["--"] + head[i...]).map(ShellWriter.quoteIfNeeded).joined(separator: " ")
            return CommandFailure("missing -- before the command \(w)", hint: "put -- between the prefixes and the command: \(line)")
        }
        return nil
    }

    /// Edit distance with transpositions (optimal string alignment), on bytes: `lsit` is 1 from `list`.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }

    /// The short usage bare `lwexec` prints.
    static let shortUsage = """
    usage: lwexec [exec] [<options>] <prefix>... -- <command> [<arg>...]
           lwexec <subcommand> [<options>]

    Run a command with AWS Secrets Manager secrets in its environment, e.g.
      lwexec /non-prod/backend -- python manage.py runserver

    Subcommands: exec env export list read describe history write import tag rotate delete generate
                lint whoami cache version
    See lwexec --help, lwexec help <subcommand>, or man lwexec.

    """
}
