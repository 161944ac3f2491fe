/// lwexec's additions to swift-argument-parser's zsh script: the generated root function is
/// renamed `__lwexec_root`, and a new `_lwexec` adjusts the words before calling it.
enum ZshCompletionShim {
    static let generatedRoot = "\n_lwexec() {\n"
    static let generatedDispatch = "\nif [[ \"${funcstack[1]}\" = _lwexec ]]; then\n"

    static func apply(to generated: String, shim: ShimContext) -> String {
        let renamed = generated.replacingFirst(generatedRoot, with: "\n__lwexec_root() {\n").0
        return renamed.replacingFirst(generatedDispatch, with: code(shim) + generatedDispatch).0
    }

    static func code(_ shim: ShimContext) -> String {
        let others = shim.others.joined(separator: "|")
        return #"""

        # --- lwexec additions (Sources/LwexecCLI/Completion/ZshCompletionShim.swift) ---

        # Secret paths ending in / go on below: no space after them.
        __lwexec_custom_complete() {
            local -a completions
            completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
            completions=("${(@)completions[1,-2]}")
            local -a paths=("${(@M)completions:#*/}") others=("${(@)completions:#*/}")
            local -i ret=1
            (( ${#paths} )) && compadd -S '' -- "${paths[@]}" && ret=0
            (( ${#others} )) && compadd -- "${others[@]}" && ret=0
            return ret
        }

        # `exec` is the default subcommand, and the words after `--` are the command's.
        _lwexec() {
            local -i i
            if (( CURRENT > 2 )) && [[ "${words[2]}" != (\#(others)) ]]; then
                for ((i = 2; i < CURRENT; i++)); do
                    if [[ "${words[i]}" == -- ]]; then
                        words=("${(@)words[i+1,-1]}")
                        (( CURRENT -= i ))
                        _normal
                        return
                    fi
                done
            fi
            if (( CURRENT >= 2 )) && [[ "${words[2]}" != (exec|\#(others)) ]] \
                && { (( CURRENT > 2 )) || [[ "${words[2]}" == [-/]* ]] }; then
                words=("${words[1]}" exec "${(@)words[2,-1]}")
                (( CURRENT++ ))
            fi
            __lwexec_root "${@}"
        }

        """#
    }
}
