/// lwexec's additions to swift-argument-parser's fish script: `__lwexec_tokens` (which every
/// generated condition and the custom completions read the line through) puts the default
/// `exec` in, and nothing generated is offered after `--`, where the command's completions are.
enum FishCompletionShim {
    static let renames = [
        "function __lwexec_tokens\n": "function __lwexec_generated_tokens\n",
        "function __lwexec_should_offer_completions_for_flags_or_options -a":
            "function __lwexec_generated_should_offer_completions_for_flags_or_options -a",
        "function __lwexec_should_offer_completions_for_positional -a":
            "function __lwexec_generated_should_offer_completions_for_positional -a",
        // The generated script stands for an empty word being completed with `\'\'`, which fish reads
        // as the two-character word `''`: `--profile <Tab>` and `read <Tab>` then matched nothing.
        #"set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]"#:
            #"set tokens $tokens[..$index] '' $tokens[(math $index + 1)..]"#,
    ]
    static let generatedFirstCompletion = "\ncomplete -c 'lwexec' -f\n"

    static func apply(to generated: String, shim: ShimContext) -> String {
        var s = generated
        for (old, new) in renames.sorted(by: { $0.key < $1.key }) { s = s.replacingFirst(old, with: new).0 }
        return s.replacingFirst(generatedFirstCompletion, with: code(shim) + generatedFirstCompletion).0
    }

    static func code(_ shim: ShimContext) -> String {
        let others = shim.others.joined(separator: " ")
        return #"""

        # --- lwexec additions (Sources/LwexecCLI/Completion/FishCompletionShim.swift) ---

        # The number of tokens up to and including `--` (lwexec's own words), when the cursor is after it.
        function __lwexec_terminator_index
            set -l tokens (__lwexec_generated_tokens -pc)
            contains -- "$tokens[2]" \#(others); and return 1
            set -l i (contains -i -- -- $tokens[2..]); or return 1
            echo (math $i + 1)
        end

        # `exec` is the default subcommand: `lwexec /non-prod/b<TAB>` completes as `lwexec exec /non-prod/b<TAB>`.
        function __lwexec_default_exec
            set -l tokens (__lwexec_generated_tokens -pc)
            if test (count $tokens) -ge 2
                not contains -- "$tokens[2]" exec \#(others)
            else
                string match -qr -- '^[-/]' (commandline -ct)
            end
        end

        function __lwexec_tokens
            set -l tokens (__lwexec_generated_tokens $argv)
            if not string match -q -- '-t*' $argv; and __lwexec_default_exec
                set tokens $tokens[1] exec $tokens[2..]
            end
            string join \n -- $tokens
        end

        function __lwexec_should_offer_completions_for_flags_or_options
            __lwexec_terminator_index >/dev/null; and return 1
            __lwexec_generated_should_offer_completions_for_flags_or_options $argv
        end

        function __lwexec_should_offer_completions_for_positional
            __lwexec_terminator_index >/dev/null; and return 1
            __lwexec_generated_should_offer_completions_for_positional $argv
        end

        # The command after `--`, completed as if typed on its own: its name, then its own completions.
        function __lwexec_complete_command
            set -l i (__lwexec_terminator_index); or return
            set -l tokens (__lwexec_generated_tokens -pc)
            complete -C (string join ' ' -- $tokens[(math $i + 1)..] (commandline -ct))
        end

        complete -c 'lwexec' -n '__lwexec_terminator_index >/dev/null' -xa '(__lwexec_complete_command)'

        """#
    }
}
