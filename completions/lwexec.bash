#!/bin/bash

__lwexec_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__lwexec_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__lwexec_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__lwexec_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_lwexec() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __lwexec_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    exec|env|export|list|read|describe|history|write|import|tag|rotate|delete|generate|lint|whoami|cache|version|help)
        # Offer subcommand argument completions
        "_lwexec_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'exec env export list read describe history write import tag rotate delete generate lint whoami cache version help' -- "${cur}"))
        ;;
    esac
}

_lwexec_exec() {
    repeating_flags=()
    non_repeating_flags=(-r --recursive --expand-json --allow-empty --keep-env --pristine --cache --no-cache --subreaper --mask --quiet -q --verbose -v --version -h --help)
    repeating_options=(-s --secret --allow-variable --require --require-file)
    non_repeating_options=(--env-prefix --cache-ttl --stale-if-error --watch --on-change --kill-signal --kill-timeout --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-s'|'--secret')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion exec -- --secret "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--env-prefix')
        return
        ;;
    '--allow-variable')
        return
        ;;
    '--require')
        return
        ;;
    '--require-file')
        __lwexec_add_completions -f
        return
        ;;
    '--cache-ttl')
        return
        ;;
    '--stale-if-error')
        return
        ;;
    '--watch')
        return
        ;;
    '--on-change')
        return
        ;;
    '--kill-signal')
        return
        ;;
    '--kill-timeout')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion exec -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion exec -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_env() {
    repeating_flags=()
    non_repeating_flags=(--json -r --recursive --expand-json --allow-empty --cache --no-cache --quiet -q --verbose -v --version -h --help)
    repeating_options=(-s --secret --allow-variable --require --require-file)
    non_repeating_options=(--format --env-prefix --cache-ttl --stale-if-error --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __lwexec_add_completions -W 'dotenv'$'\n''shell'$'\n''json'
        return
        ;;
    '-s'|'--secret')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion env -- --secret "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--env-prefix')
        return
        ;;
    '--allow-variable')
        return
        ;;
    '--require')
        return
        ;;
    '--require-file')
        __lwexec_add_completions -f
        return
        ;;
    '--cache-ttl')
        return
        ;;
    '--stale-if-error')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion env -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion env -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_export() {
    repeating_flags=()
    non_repeating_flags=(--json -r --recursive --expand-json --allow-empty --cache --no-cache --quiet -q --verbose -v --version -h --help)
    repeating_options=(-s --secret --allow-variable --require --require-file)
    non_repeating_options=(--format --env-prefix --cache-ttl --stale-if-error --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __lwexec_add_completions -W 'dotenv'$'\n''shell'$'\n''json'
        return
        ;;
    '-s'|'--secret')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion export -- --secret "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--env-prefix')
        return
        ;;
    '--allow-variable')
        return
        ;;
    '--require')
        return
        ;;
    '--require-file')
        __lwexec_add_completions -f
        return
        ;;
    '--cache-ttl')
        return
        ;;
    '--stale-if-error')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion export -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion export -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_list() {
    repeating_flags=()
    non_repeating_flags=(-r --recursive --json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion list -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion list -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_read() {
    repeating_flags=()
    non_repeating_flags=(--json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--version-id --stage --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--version-id')
        return
        ;;
    '--stage')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion read -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion read -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_describe() {
    repeating_flags=()
    non_repeating_flags=(--json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion describe -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion describe -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_history() {
    repeating_flags=()
    non_repeating_flags=(--json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion history -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion history -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_write() {
    repeating_flags=()
    non_repeating_flags=(--generate --skip-unchanged --keep-trailing-newline --json --force --quiet -q --verbose -v --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--length --description --managed-by --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--length')
        return
        ;;
    '--description')
        return
        ;;
    '--tag')
        return
        ;;
    '--managed-by')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion write -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion write -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_import() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --force --quiet -q --verbose -v --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--format --description --managed-by --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--format')
        __lwexec_add_completions -W 'auto'$'\n''dotenv'$'\n''json'
        return
        ;;
    '--description')
        return
        ;;
    '--tag')
        return
        ;;
    '--managed-by')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion import -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion import -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __lwexec_add_completions -f
        return
        ;;
    esac
}

_lwexec_tag() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--description --managed-by --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--description')
        return
        ;;
    '--managed-by')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion tag -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion tag -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_rotate() {
    repeating_flags=()
    non_repeating_flags=(--generate --prompt --keep-trailing-newline --pending --promote --off -y --yes --json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--length --schedule --lambda --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--length')
        return
        ;;
    '--schedule')
        return
        ;;
    '--lambda')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion rotate -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion rotate -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_delete() {
    repeating_flags=()
    non_repeating_flags=(--force-delete-without-recovery --skip-grace-period -y --yes --json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--recovery-days --version-id --profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--recovery-days')
        return
        ;;
    '--version-id')
        return
        ;;
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion delete -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion delete -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_generate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--length --format)
    __lwexec_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--length')
        return
        ;;
    '--format')
        __lwexec_add_completions -W 'base64'$'\n''hex'$'\n''alnum'
        return
        ;;
    esac
}

_lwexec_lint() {
    repeating_flags=()
    non_repeating_flags=(--json --fix --dry-run --allow-empty --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion lint -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion lint -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_whoami() {
    repeating_flags=()
    non_repeating_flags=(--json --quiet -q --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--profile --region --endpoint-url --timeout)
    __lwexec_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--profile')
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion whoami -- --profile "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_lwexec_cache() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __lwexec_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|clear)
        # Offer subcommand argument completions
        "_lwexec_cache_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list clear' -- "${cur}"))
        ;;
    esac
}

_lwexec_cache_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __lwexec_offer_flags_options 0
}

_lwexec_cache_clear() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __lwexec_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __lwexec_add_completions -W "$(__lwexec_custom_complete ---completion cache clear -- positional@0 "${COMP_CWORD}" "$(__lwexec_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_lwexec_version() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __lwexec_offer_flags_options 0
}

_lwexec_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __lwexec_offer_flags_options -1
}

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
    if [[ "${COMP_CWORD}" -gt 1 && ! "${COMP_WORDS[1]}" =~ ^(env|export|list|read|describe|history|write|import|tag|rotate|delete|generate|lint|whoami|cache|version|help)$ ]]; then
        for ((i = 1; i < COMP_CWORD; i++)); do
            if [[ "${COMP_WORDS[i]}" == -- ]]; then
                __lwexec_complete_command "$((i + 1))"
                return
            fi
        done
    fi
    if [[ "${COMP_CWORD}" -ge 1 && ! "${COMP_WORDS[1]}" =~ ^(exec|env|export|list|read|describe|history|write|import|tag|rotate|delete|generate|lint|whoami|cache|version|help)$ ]] \
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