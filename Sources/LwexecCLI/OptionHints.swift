import ArgumentParser

/// The hint for an option the parser did not know: the closest option of that subcommand, or for
/// the aws CLI's `--output json` / `-o json`, lwexec's `--json`; and where the options are listed.
enum OptionHints {
    /// For the parser's "Unknown option '--x'..." `message`: the option and the hint; nil for other messages.
    static func unknown(_ message: String, head: [String]) -> (option: String, hint: String)? {
        let marker = "Unknown option '"
        guard message.hasPrefix(marker), let end = message.dropFirst(marker.count).firstIndex(of: "'") else { return nil }
        let option = String(message[message.index(message.startIndex, offsetBy: marker.count)..<end])
        return (option, hint(for: option, head: head))
    }

    /// The hint for an unknown `option` of the subcommand `head` runs.
    static func hint(for option: String, head: [String]) -> String {
        let (name, command) = subcommand(of: head)
        let options = Self.options(of: command)
        let help = "lwexec \(name) --help lists its options"
        let bare = option.split(separator: "=").first.map(String.init) ?? option
        if bare == "--output" || bare == "-o" {
            return options.contains("--json") ? "use --json for JSON (\(help))" : "lwexec \(name) prints no JSON (\(help))"
        }
        let budget = max(2, bare.count / 3)
        let near = options.map { ($0, CommandLineHabits.distance(bare, $0)) }.filter { $0.1 <= budget }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard let best = near.first?.0 else { return help }
        return "did you mean \(best)? (\(help))"
    }

    /// The subcommand `head` runs (its name as typed after lwexec, and its type); `exec` by default.
    static func subcommand(of head: [String]) -> (String, ParsableCommand.Type) {
        func find(_ word: String?, in list: [ParsableCommand.Type]) -> ParsableCommand.Type? {
            guard let word else { return nil }
            return list.first { $0._commandName == word || $0.configuration.aliases.contains(word) }
        }
        guard let top = find(head.first, in: RootCommand.configuration.subcommands) else { return ("exec", ExecCommand.self) }
        if head.count > 1, let sub = find(head[1], in: top.configuration.subcommands) {
            return ("\(head[0]) \(head[1])", sub)
        }
        return (head[0], top)
    }

    /// The option names a subcommand's help lists (`-s`, `--secret`, `--no-cache`...).
    static func options(of command: ParsableCommand.Type) -> [String] {
        var out: [String] = []
        for line in RootCommand.helpMessage(for: command, columns: 10_000).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-"), line.count > trimmed.count else { continue }
            // The option column ends where two spaces start the help text.
            let chars = Array(trimmed)
            var end = chars.count
            for i in 0..<(chars.count - 1) where chars[i] == " " && chars[i + 1] == " " { end = i; break }
            for token in String(chars[..<end]).split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" }) where token.hasPrefix("-") && token.count >= 2 {
                out.append(String(token))
            }
        }
        return out
    }
}
