import ArgumentParser
import AWSClient
import KeyringCache

/// The dynamic completions of lwexec's arguments, called by the shell scripts through
/// swift-argument-parser's `---completion` protocol with the words of the line being typed.
extension CompletionKind {
    /// A secret path prefix (`exec`'s positionals, `list`, `lint`, `import`, `env`): one segment at a time.
    static var secretPrefix: CompletionKind {
        .custom { words, index, typed in
            SecretCompletion.prefixes(words: words, index: index, typed: SecretCompletion.word(words, index, typed))
        }
    }

    /// A whole secret name (`--secret`, `read`, `write`, `history`, `rotate`, `delete`).
    static var secretName: CompletionKind {
        .custom { words, index, typed in
            SecretCompletion.names(words: words, index: index, typed: SecretCompletion.word(words, index, typed))
        }
    }

    /// What `cache clear` can drop: the prefixes and secrets of cached entries, and secret names.
    static var cachedPrefixOrName: CompletionKind {
        .custom { words, index, typed in
            SecretCompletion.cachedOrNames(words: words, index: index, typed: SecretCompletion.word(words, index, typed))
        }
    }

    /// A profile from `~/.aws/config` and `~/.aws/credentials` (no network).
    static var awsProfile: CompletionKind {
        .custom { words, index, typed in SecretCompletion.profiles(typed: SecretCompletion.word(words, index, typed)) }
    }
}

/// The candidates behind each completion kind.
enum SecretCompletion {
    /// The typed part of the word being completed: what precedes the cursor, except in fish,
    /// whose 3.x cannot tell the cursor's place in a word (it reports 0): there, the whole word.
    static func word(_ words: [String], _ index: Int, _ prefix: String) -> String {
        guard CompletionShell.requesting == .fish, words.indices.contains(index) else { return prefix }
        return words[index]
    }

    static func prefixes(words: [String], index: Int, typed: String) -> [String] {
        guard let source = source(words: words, index: index) else { return [] }
        return SecretPathCompletion.prefixCandidates(names: source.names(under: SecretPathCompletion.parent(of: typed)), typed: typed)
    }

    static func names(words: [String], index: Int, typed: String) -> [String] {
        guard !typed.contains("="), let source = source(words: words, index: index) else { return [] }
        return SecretPathCompletion.nameCandidates(names: source.names(under: SecretPathCompletion.parent(of: typed)), typed: typed)
    }

    static func cachedOrNames(words: [String], index: Int, typed: String) -> [String] {
        let entries = ((try? ResolutionCache.open(create: false)) ?? nil)?.entries() ?? []
        let cached = entries.flatMap { $0.entry.prefixes + $0.entry.secretNames }.filter { $0.hasPrefix(typed) }
        return Array(Set(cached + names(words: words, index: index, typed: typed))).sorted()
    }

    static func profiles(typed: String) -> [String] {
        guard let shared = try? SharedConfig.load(ProcessEnvironment.current()) else { return [] }
        return shared.profileNames.filter { $0.hasPrefix(typed) }
    }

    /// Where names come from for this line; nil after `--`, where the words belong to the command.
    static func source(words: [String], index: Int) -> CompletionNameSource? {
        let line = CompletionLine(words: words, index: index)
        guard !line.afterTerminator else { return nil }
        return CompletionNameSource(line: line, env: ProcessEnvironment.current(), log: CompletionRequest.log)
    }
}
