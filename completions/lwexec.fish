function __lwexec_generated_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __lwexec_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __lwexec_generated_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __lwexec_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __lwexec_parse_tokens -S
    set -l unparsed_tokens (__lwexec_tokens -pc)
    switch $unparsed_tokens[1]
    case 'lwexec'
        __lwexec_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'exec'
            __lwexec_parse_subcommand -r 1 's/secret=+' 'r/recursive' 'env-prefix=' 'expand-json' 'allow-empty' 'allow-variable=+' 'require=+' 'require-file=+' 'keep-env' 'pristine' 'cache' 'no-cache' 'cache-ttl=' 'stale-if-error=' 'subreaper' 'mask' 'watch=' 'on-change=' 'kill-signal=' 'kill-timeout=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'env'
            __lwexec_parse_subcommand -r 1 'format=' 'json' 's/secret=+' 'r/recursive' 'env-prefix=' 'expand-json' 'allow-empty' 'allow-variable=+' 'require=+' 'require-file=+' 'cache' 'no-cache' 'cache-ttl=' 'stale-if-error=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'export'
            __lwexec_parse_subcommand -r 1 'format=' 'json' 's/secret=+' 'r/recursive' 'env-prefix=' 'expand-json' 'allow-empty' 'allow-variable=+' 'require=+' 'require-file=+' 'cache' 'no-cache' 'cache-ttl=' 'stale-if-error=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'list'
            __lwexec_parse_subcommand 1 'r/recursive' 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'read'
            __lwexec_parse_subcommand 1 'version-id=' 'stage=' 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'describe'
            __lwexec_parse_subcommand 1 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'history'
            __lwexec_parse_subcommand 1 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'write'
            __lwexec_parse_subcommand -r 2 'generate' 'length=' 'description=' 'skip-unchanged' 'keep-trailing-newline' 'json' 'tag=+' 'force' 'managed-by=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'import'
            __lwexec_parse_subcommand 2 'format=' 'description=' 'dry-run' 'json' 'tag=+' 'force' 'managed-by=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'tag'
            __lwexec_parse_subcommand -r 2 'description=' 'managed-by=' 'dry-run' 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'rotate'
            __lwexec_parse_subcommand 1 'generate' 'length=' 'prompt' 'keep-trailing-newline' 'pending' 'promote' 'off' 'y/yes' 'json' 'schedule=' 'lambda=' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'delete'
            __lwexec_parse_subcommand 1 'recovery-days=' 'force-delete-without-recovery' 'version-id=' 'skip-grace-period' 'y/yes' 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'generate'
            __lwexec_parse_subcommand 0 'length=' 'format=' 'version' 'h/help'
        case 'lint'
            __lwexec_parse_subcommand -r 1 'json' 'fix' 'dry-run' 'allow-empty' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'whoami'
            __lwexec_parse_subcommand 0 'json' 'q/quiet' 'v/verbose' 'profile=' 'region=' 'endpoint-url=' 'timeout=' 'version' 'h/help'
        case 'cache'
            __lwexec_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __lwexec_parse_subcommand 0 'json' 'version' 'h/help'
            case 'clear'
                __lwexec_parse_subcommand 1 'version' 'h/help'
            end
        case 'version'
            __lwexec_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __lwexec_parse_subcommand -r 1 'version'
        end
    end
end

function __lwexec_generated_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __lwexec_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __lwexec_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __lwexec_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__lwexec_tokens -p)
    if test -z "$(__lwexec_tokens -t)"
        set -l index (count (__lwexec_tokens -pc))
        set tokens $tokens[..$index] '' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

# --- lwexec additions (Sources/LwexecCLI/Completion/FishCompletionShim.swift) ---

# The number of tokens up to and including `--` (lwexec's own words), when the cursor is after it.
function __lwexec_terminator_index
    set -l tokens (__lwexec_generated_tokens -pc)
    contains -- "$tokens[2]" env export list read describe history write import tag rotate delete generate lint whoami cache version help; and return 1
    set -l i (contains -i -- -- $tokens[2..]); or return 1
    echo (math $i + 1)
end

# `exec` is the default subcommand: `lwexec /non-prod/b<TAB>` completes as `lwexec exec /non-prod/b<TAB>`.
function __lwexec_default_exec
    set -l tokens (__lwexec_generated_tokens -pc)
    if test (count $tokens) -ge 2
        not contains -- "$tokens[2]" exec env export list read describe history write import tag rotate delete generate lint whoami cache version help
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

complete -c 'lwexec' -f
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'exec' -d 'Run a command with the secrets under one or more prefixes in its environment.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'env' -d 'Print the environment exec would inject, as dotenv, shell or JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'export' -d 'The same as env (chamber\'s name for it).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'list' -d 'List the secrets under a prefix: variable, last change, rotation.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'read' -d 'Print a secret\'s value, exactly as stored.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'describe' -d 'Show a secret\'s metadata and tags: description, dates, rotation, versions. No value.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'history' -d 'Show a secret\'s versions with their stages and dates, newest first.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'write' -d 'Create a secret, or add a new version to it, with the SOP\'s name, description and tags.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'import' -d 'Create or update one secret per variable of a dotenv or JSON file.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'tag' -d 'Set a secret\'s required tags from its name (and any given), and its description.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'rotate' -d 'Rotate a secret: run its configured rotation, or put a new value now.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'delete' -d 'Delete a secret, or retire an old version after a rotation.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'generate' -d 'Print a random value from OpenSSL\'s RAND_bytes (no AWS call).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'lint' -d 'Audit the secrets under prefixes against the SOP; exit 1 on findings.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'whoami' -d 'Show the AWS identity, credential source, region and endpoint lwexec would use.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'cache' -d 'Show or clear what --cache keeps in the kernel keyring.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'version' -d 'Print lwexec\'s version (as --version does).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec exec" -ge 1' -fka '(__lwexec_custom_completion ---completion exec -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec"' -s 's' -l 'secret' -d 'A secret by name, optionally into a chosen variable (repeatable); overrides prefixes.' -rfka '(__lwexec_custom_completion ---completion exec -- --secret (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" r recursive' -s 'r' -l 'recursive' -d 'Take secrets in sub-paths too (backend/db_password -> BACKEND_DB_PASSWORD).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" env-prefix' -l 'env-prefix' -d 'Prepend this to every derived variable name.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" expand-json' -l 'expand-json' -d 'Turn a secret holding a JSON object into one variable per key.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" allow-empty' -l 'allow-empty' -d 'Do not fail when a prefix holds no secrets.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec"' -l 'allow-variable' -d 'Let a secret set this variable although it changes how programs load code (LD_PRELOAD, BASH_ENV, PATH, NODE_OPTIONS...; repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec"' -l 'require' -d 'Fail before anything runs unless the command gets this variable (repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec"' -l 'require-file' -d 'Like --require, for every name in the file (one a line, # comments).' -rF
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" keep-env' -l 'keep-env' -d 'Let the inherited environment override secrets.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" pristine' -l 'pristine' -d 'Give the command only the secrets, no inherited environment.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" cache' -l 'cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" no-cache' -l 'no-cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" cache-ttl' -l 'cache-ttl' -d 'How long cached values stay fresh: 30s, 5m, 1h (default: LWEXEC_CACHE_TTL, else 5m).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" stale-if-error' -l 'stale-if-error' -d 'Past the TTL, serve cached values this long when AWS cannot be reached (default: 1h; 0 turns it off).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" subreaper' -l 'subreaper' -d 'Adopt and reap orphaned descendants; when the command exits, send the rest SIGTERM (SIGKILL after --kill-timeout). Implied when lwexec is PID 1.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" mask' -l 'mask' -d 'Replace every secret value (6 or more characters) in the command\'s stdout and stderr with *****.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" watch' -l 'watch' -d 'Poll for rotated secrets this often (e.g. 30s, 5m) and restart the command when a value changes.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" on-change' -l 'on-change' -d 'With --watch: restart (default), or signal:NAME to send NAME (e.g. signal:HUP) to a command that reloads by itself.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" kill-signal' -l 'kill-signal' -d 'With --watch: the signal that stops the command for a restart (default TERM).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" kill-timeout' -l 'kill-timeout' -d 'How long a stopping command (or, with --subreaper, what it leaves behind) gets before SIGKILL (default 10s).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion exec -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec exec" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" format' -l 'format' -d 'Output format: dotenv (default), shell or json.' -rfka 'dotenv shell json'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" json' -l 'json' -d 'Print JSON (the same as --format json).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec env" -ge 1' -fka '(__lwexec_custom_completion ---completion env -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env"' -s 's' -l 'secret' -d 'A secret by name, optionally into a chosen variable (repeatable); overrides prefixes.' -rfka '(__lwexec_custom_completion ---completion env -- --secret (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" r recursive' -s 'r' -l 'recursive' -d 'Take secrets in sub-paths too (backend/db_password -> BACKEND_DB_PASSWORD).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" env-prefix' -l 'env-prefix' -d 'Prepend this to every derived variable name.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" expand-json' -l 'expand-json' -d 'Turn a secret holding a JSON object into one variable per key.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" allow-empty' -l 'allow-empty' -d 'Do not fail when a prefix holds no secrets.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env"' -l 'allow-variable' -d 'Let a secret set this variable although it changes how programs load code (LD_PRELOAD, BASH_ENV, PATH, NODE_OPTIONS...; repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env"' -l 'require' -d 'Fail before anything runs unless the command gets this variable (repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env"' -l 'require-file' -d 'Like --require, for every name in the file (one a line, # comments).' -rF
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" cache' -l 'cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" no-cache' -l 'no-cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" cache-ttl' -l 'cache-ttl' -d 'How long cached values stay fresh: 30s, 5m, 1h (default: LWEXEC_CACHE_TTL, else 5m).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" stale-if-error' -l 'stale-if-error' -d 'Past the TTL, serve cached values this long when AWS cannot be reached (default: 1h; 0 turns it off).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion env -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec env" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" format' -l 'format' -d 'Output format: dotenv (default), shell or json.' -rfka 'dotenv shell json'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" json' -l 'json' -d 'Print JSON (the same as --format json).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec export" -ge 1' -fka '(__lwexec_custom_completion ---completion export -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export"' -s 's' -l 'secret' -d 'A secret by name, optionally into a chosen variable (repeatable); overrides prefixes.' -rfka '(__lwexec_custom_completion ---completion export -- --secret (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" r recursive' -s 'r' -l 'recursive' -d 'Take secrets in sub-paths too (backend/db_password -> BACKEND_DB_PASSWORD).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" env-prefix' -l 'env-prefix' -d 'Prepend this to every derived variable name.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" expand-json' -l 'expand-json' -d 'Turn a secret holding a JSON object into one variable per key.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" allow-empty' -l 'allow-empty' -d 'Do not fail when a prefix holds no secrets.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export"' -l 'allow-variable' -d 'Let a secret set this variable although it changes how programs load code (LD_PRELOAD, BASH_ENV, PATH, NODE_OPTIONS...; repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export"' -l 'require' -d 'Fail before anything runs unless the command gets this variable (repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export"' -l 'require-file' -d 'Like --require, for every name in the file (one a line, # comments).' -rF
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" cache' -l 'cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" no-cache' -l 'no-cache' -d 'Serve from the kernel keyring when fresh, else resolve and store there (default: LWEXEC_CACHE=1).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" cache-ttl' -l 'cache-ttl' -d 'How long cached values stay fresh: 30s, 5m, 1h (default: LWEXEC_CACHE_TTL, else 5m).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" stale-if-error' -l 'stale-if-error' -d 'Past the TTL, serve cached values this long when AWS cannot be reached (default: 1h; 0 turns it off).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion export -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec list" -eq 1' -fka '(__lwexec_custom_completion ---completion list -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" r recursive' -s 'r' -l 'recursive' -d 'Include secrets in sub-paths.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion list -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec read" -eq 1' -fka '(__lwexec_custom_completion ---completion read -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" version-id' -l 'version-id' -d 'Read this version.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" stage' -l 'stage' -d 'Read the version with this staging label, e.g. AWSPREVIOUS.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" json' -l 'json' -d 'Print the full record as JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion read -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec read" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec describe" -eq 1' -fka '(__lwexec_custom_completion ---completion describe -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" json' -l 'json' -d 'Print JSON instead of text.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion describe -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec describe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec history" -eq 1' -fka '(__lwexec_custom_completion ---completion history -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion history -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec write" -eq 1' -fka '(__lwexec_custom_completion ---completion write -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" generate' -l 'generate' -d 'Write a new random value (RAND_bytes, base64) instead of reading one.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" length' -l 'length' -d 'Random bytes for --generate, as openssl rand -base64 N.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" description' -l 'description' -d 'The secret\'s description (set on creation, updated when it differs).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" skip-unchanged' -l 'skip-unchanged' -d 'Write nothing when the value equals the current one.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" keep-trailing-newline' -l 'keep-trailing-newline' -d 'Keep a trailing newline read from stdin.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" json' -l 'json' -d 'Print the result as JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write"' -l 'tag' -d 'A tag to apply, added to or overriding the required ones (repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" force' -l 'force' -d 'Write a name that breaks the SOP\'s naming convention (with a warning).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" managed-by' -l 'managed-by' -d 'ManagedBy for a secret that has none yet: Manual (default) or Terraform, as the SOP has them.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion write -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec write" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec import" -eq 1' -fka '(__lwexec_custom_completion ---completion import -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec import" -eq 2' -F
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" format' -l 'format' -d 'The file\'s format.' -rfka 'auto dotenv json'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" description' -l 'description' -d 'The description of secrets this import creates.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" dry-run' -l 'dry-run' -d 'Show what would be created or updated, and write nothing.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" json' -l 'json' -d 'Print the report as JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import"' -l 'tag' -d 'A tag to apply, added to or overriding the required ones (repeatable).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" force' -l 'force' -d 'Write a name that breaks the SOP\'s naming convention (with a warning).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" managed-by' -l 'managed-by' -d 'ManagedBy for a secret that has none yet: Manual (default) or Terraform, as the SOP has them.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion import -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec tag" -eq 1' -fka '(__lwexec_custom_completion ---completion tag -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" description' -l 'description' -d 'The secret\'s description.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" managed-by' -l 'managed-by' -d 'ManagedBy when the secret has no valid one: Manual (default) or Terraform.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" dry-run' -l 'dry-run' -d 'Show what would change; change nothing.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" json' -l 'json' -d 'Print what was set as JSON (Name, Tags, Description, DryRun).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion tag -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec tag" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec rotate" -eq 1' -fka '(__lwexec_custom_completion ---completion rotate -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" generate' -l 'generate' -d 'Rotate by hand to a new random value (RAND_bytes, base64).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" length' -l 'length' -d 'Random bytes for --generate.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" prompt' -l 'prompt' -d 'Rotate by hand to a value typed on the terminal (asked twice, not echoed).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" keep-trailing-newline' -l 'keep-trailing-newline' -d 'Keep a trailing newline read from stdin.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" pending' -l 'pending' -d 'Write the new value as AWSPENDING only (first phase); --promote makes it current.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" promote' -l 'promote' -d 'Make the AWSPENDING version AWSCURRENT (second phase); the old one becomes AWSPREVIOUS.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" off' -l 'off' -d 'Turn automatic rotation off (CancelRotateSecret).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" y yes' -s 'y' -l 'yes' -d 'Do not ask; required off a terminal where lwexec would ask.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" json' -l 'json' -d 'Print the result as JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" schedule' -l 'schedule' -d 'Turn on automatic rotation every this long (whole days: 30d), then rotate now.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" lambda' -l 'lambda' -d 'The rotation Lambda\'s ARN, with --schedule.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion rotate -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec delete" -eq 1' -fka '(__lwexec_custom_completion ---completion delete -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" recovery-days' -l 'recovery-days' -d 'Days the deleted secret can still be restored, 7 to 30 (default: 30).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" force-delete-without-recovery' -l 'force-delete-without-recovery' -d 'Delete at once, with no way to restore it.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" version-id' -l 'version-id' -d 'Retire only this version (remove its staging labels).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" skip-grace-period' -l 'skip-grace-period' -d 'Retire a version even within 24 hours of the rotation that replaced it.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" y yes' -s 'y' -l 'yes' -d 'Do not ask; required when stdin is not a terminal.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" json' -l 'json' -d 'Print the result as JSON (Name, ARN, DeletionDate, RecoveryWindowInDays; VersionId, RemovedStages).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion delete -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec generate" length' -l 'length' -d 'Random bytes (base64, hex) or characters (alnum).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec generate" format' -l 'format' -d 'Encoding: base64, hex or alnum.' -rfka 'base64 hex alnum'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec generate" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec lint" -ge 1' -fka '(__lwexec_custom_completion ---completion lint -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" json' -l 'json' -d 'Print the findings as JSON.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" fix' -l 'fix' -d 'Set the required tags and missing descriptions that can be fixed safely, then report what remains.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" dry-run' -l 'dry-run' -d 'With --fix: show what would change, change nothing.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" allow-empty' -l 'allow-empty' -d 'Do not fail when a prefix holds no secrets (by default an audit of nothing is an error).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion lint -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec lint" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" json' -l 'json' -d 'Print JSON instead of text.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" q quiet' -l 'quiet' -s 'q' -d 'Print no notices (overrides announced on stderr).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" v verbose' -l 'verbose' -s 'v' -d 'Print what lwexec does: sources, calls, timings, variable names (never values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" profile' -l 'profile' -d 'The AWS profile to use (default: AWS_PROFILE, else default).' -rfka '(__lwexec_custom_completion ---completion whoami -- --profile (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" region' -l 'region' -d 'The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" endpoint-url' -l 'endpoint-url' -d 'The Secrets Manager endpoint (default: AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, the profile).' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" timeout' -l 'timeout' -d 'How long one AWS operation may take (a start, one --watch poll, a command); throttling is retried until then: 30s, 2m.' -rfka ''
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec cache" -eq 1' -fa 'list' -d 'List cached entries (never their values).'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec cache" -eq 1' -fa 'clear' -d 'Drop cached entries: all (with cached temporary credentials and completion names), or those under a prefix.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache list" json' -l 'json' -d 'Print JSON for scripts.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache list" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_positional "lwexec cache clear" -eq 1' -fka '(__lwexec_custom_completion ---completion cache clear -- positional@0 (count (__lwexec_tokens -pc)) (__lwexec_tokens -tC))'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache clear" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec cache clear" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec version" version' -l 'version' -d 'Show the version.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'lwexec' -n '__lwexec_should_offer_completions_for_flags_or_options "lwexec help" version' -l 'version' -d 'Show the version.'