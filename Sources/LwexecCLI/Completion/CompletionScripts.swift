import ArgumentParser

/// The shell completion scripts: swift-argument-parser's, generated from the command tree,
/// with lwexec's two extensions spliced in by a small per-shell shim:
///
/// - `exec` is the default subcommand: a first word that is not a subcommand (`/non-prod/b`,
///   `--secret`) completes as `exec` would;
/// - after `--` the words are the command's: the shell completes commands, then that
///   command's own arguments (or files), as it normally would.
///
/// `scripts/generate-docs` writes them to `completions/`; a test checks they do not drift.
enum CompletionScripts {
    /// The full script for `shell`.
    static func script(for shell: CompletionShell) -> String {
        let generated = RootCommand.completionScript(for: shell)
        switch shell {
        case .bash: return BashCompletionShim.apply(to: generated, shim: shim)
        case .zsh: return ZshCompletionShim.apply(to: generated, shim: shim)
        case .fish: return FishCompletionShim.apply(to: generated, shim: shim)
        default: return generated
        }
    }

    static var shim: ShimContext { ShimContext(subcommands: RootCommand.configuration.subcommands.map { $0._commandName } + ["help"]) }
}

/// What every shim needs to know about the command tree.
struct ShimContext {
    /// Every subcommand name, `exec` and `help` included.
    var subcommands: [String]

    /// The subcommands other than `exec`: after one of them, a first word never means `exec`.
    var others: [String] { subcommands.filter { $0 != "exec" } }
}

extension String {
    /// `self` with the first occurrence of `target` replaced; unchanged (and `found` false) when absent.
    func replacingFirst(_ target: String, with replacement: String) -> (String, found: Bool) {
        guard let range = firstRange(of: target) else { return (self, false) }
        var s = self
        s.replaceSubrange(range, with: replacement)
        return (s, true)
    }
}
