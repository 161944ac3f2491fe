/// lwexec's additions to swift-argument-parser's bash script: `__lwexec_main` becomes the
/// completion function and calls the generated `_lwexec` after adjusting the words.
enum BashCompletionShim {
    static let generatedRegistration = "complete -o filenames -F _lwexec lwexec"

    static func apply(to generated: String, shim: ShimContext) -> String {
        generated.replacingFirst(generatedRegistration, with: code(shim)).0
    }

    static func code(_ shim: ShimContext) -> String {
        let others = shim.others.joined(separator: "|")
        return #"""
        # --- lwexec additions (Sources/LwexecCLI/Completion/BashCompletionShim.swift) ---

        # The words after `--` are the command's: complete its name, then what it takes.
        __lwexec_complete_command() {
            local -ir first="${1}"
            local -r cur="${COMP_WORDS[COMP_CWORD]}"
            if declare -F _command_offset >/dev/null; then
                _command_offset "${first}"
            elif [[ "${COMP_CWORD}" -eq "${first}" ]]; then
                mapfile -t COMPREPLY < <(compgen -c -- "${cur}")
            else
                compopt -o default
                COMPREPLY=()
            fi
        }

        # `exec` is the default subcommand: `lwexec /non-prod/b<TAB>` completes as `lwexec exec /non-prod/b<TAB>`.
        __lwexec_main() {
            local -i i
            if [[ "${COMP_CWORD}" -gt 1 && ! "${COMP_WORDS[1]}" =~ ^(\#(others))$ ]]; then
                for ((i = 1; i < COMP_CWORD; i++)); do
                    if [[ "${COMP_WORDS[i]}" == -- ]]; then
                        __lwexec_complete_command "$((i + 1))"
                        return
                    fi
                done
            fi
            if [[ "${COMP_CWORD}" -ge 1 && ! "${COMP_WORDS[1]}" =~ ^(exec|\#(others))$ ]] \
                && [[ "${COMP_CWORD}" -gt 1 || "${COMP_WORDS[1]}" == [-/]* ]]; then
                local -a words=("${COMP_WORDS[0]}" exec "${COMP_WORDS[@]:1}")
                local -r lead="${COMP_LINE%%"${COMP_WORDS[0]}"*}"
                local -r line="${lead}${COMP_WORDS[0]} exec${COMP_LINE#"${lead}${COMP_WORDS[0]}"}"
                local -i point=$((COMP_POINT + 5)) cword=$((COMP_CWORD + 1))
                local -a COMP_WORDS=("${words[@]}")
                local COMP_LINE="${line}"
                local -i COMP_POINT="${point}" COMP_CWORD="${cword}"
                _lwexec "${@}"
            else
                _lwexec "${@}"
            fi
            # A secret path ending in / goes on below: no space after it.
            if [[ "${#COMPREPLY[@]}" -gt 0 ]]; then
                local reply
                for reply in "${COMPREPLY[@]}"; do
                    [[ "${reply}" == */ ]] || return 0
                done
                compopt -o nospace
            fi
        }

        complete -o filenames -F __lwexec_main lwexec
        """#
    }
}
