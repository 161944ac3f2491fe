/// Variables a secret may not set: each makes a program that a service's command line commonly
/// reaches — a shell, git, ssh, a pager or editor, an interpreter or runtime, the dynamic loader,
/// glibc, OpenSSL — load or run code the secret's writer chooses. Whoever may write one secret under
/// a prefix could otherwise run code in every service that loads it; in most organisations they are
/// not the people who deploy the code.
///
/// The guard is on by default, on fresh resolutions and on cache hits alike, and `write`, `import`
/// and `lint` ask it too; `--allow-variable NAME` lets one name through. docs/security.md lists every
/// family with the documentation that says it loads or runs code, and what is deliberately left out.
public enum HijackGuard {
    /// Families guarded by how their names begin, where the family is open-ended. `anyCase`: the
    /// program reads the family whatever the case of the name (npm).
    public static let prefixes: [(prefix: String, anyCase: Bool, does: String)] = [
        ("LD_", false, "changes what the dynamic loader loads into every program"),
        ("DYLD_", false, "changes what the macOS dynamic loader loads into every program"),
        ("GIT_CONFIG_KEY_", false, "names a git setting for every git (with GIT_CONFIG_COUNT), core.fsmonitor and core.sshCommand included"),
        ("GIT_CONFIG_VALUE_", false, "gives a git setting for every git (with GIT_CONFIG_COUNT), a command git runs included"),
        ("CORECLR_PROFILER", false, "makes .NET load a profiler library into the process"),
        ("COR_PROFILER", false, "makes .NET load a profiler library into the process"),
        ("DOTNET_PROFILER", false, "makes .NET load a profiler library into the process"),
        ("NPM_CONFIG_", true, "sets npm configuration, script-shell and node-options included, for npm start and npm run"),
        ("LUA_INIT_", false, "makes lua run code at start"),
        ("LUA_PATH_", false, "adds where lua loads modules from"),
        ("LUA_CPATH_", false, "adds where lua loads native modules from"),
        ("BASH_FUNC_", false, "defines a bash function that every bash imports"),
    ]

    /// Names guarded one by one, with what they do, family by family.
    public static let names: [(name: String, does: String)] = [
        // Shells and the files they start with.
        ("PATH", "chooses which programs run"),
        ("BASH_ENV", "makes bash run a file at start"),
        ("ENV", "makes sh and bash in POSIX mode run a file at start"),
        ("SHELLOPTS", "sets bash options, such as xtrace with PS4"),
        ("BASHOPTS", "sets bash options at start"),
        ("PS0", "is expanded, commands included, by an interactive bash"),
        ("PS1", "is expanded, commands included, by an interactive bash"),
        ("PS2", "is expanded, commands included, by an interactive bash"),
        ("PS4", "is expanded, commands included, by a shell tracing with xtrace"),
        ("PROMPT_COMMAND", "is run by an interactive bash before each prompt"),
        ("IFS", "changes how a shell splits words"),
        ("CDPATH", "changes where a shell's cd goes"),
        ("ZDOTDIR", "makes zsh read its start files from another directory"),
        ("HOME", "moves the start and configuration files of shells, git, ssh, npm and python's user site-packages"),
        ("XDG_CONFIG_HOME", "moves the configuration files of git, fish and others, commands in them included"),
        // git: configuration (commands in core.fsmonitor, core.sshCommand, aliases...) and programs it runs.
        ("GIT_CONFIG_COUNT", "makes every git read settings from GIT_CONFIG_KEY_n and GIT_CONFIG_VALUE_n, commands included"),
        ("GIT_CONFIG_PARAMETERS", "passes settings to every git as -c does, commands included"),
        ("GIT_CONFIG_GLOBAL", "makes every git read another global configuration file, commands included"),
        ("GIT_CONFIG_SYSTEM", "makes every git read another system configuration file, commands included"),
        ("GIT_DIR", "makes git use another repository, with its configuration and hooks"),
        ("GIT_COMMON_DIR", "makes git read another repository's configuration and hooks"),
        ("GIT_EXEC_PATH", "chooses where git finds the programs of its subcommands"),
        ("GIT_TEMPLATE_DIR", "chooses the hooks git init and git clone install"),
        ("GIT_SSH", "chooses the program git runs instead of ssh"),
        ("GIT_SSH_COMMAND", "is a command git runs instead of ssh"),
        ("GIT_ASKPASS", "is a program git runs to ask for a password"),
        ("GIT_EDITOR", "is a command git runs as its editor"),
        ("GIT_SEQUENCE_EDITOR", "is a command git rebase runs as its editor"),
        ("GIT_PAGER", "is a command git runs as its pager"),
        ("GIT_EXTERNAL_DIFF", "is a program git diff runs"),
        ("GIT_PROXY_COMMAND", "is a command git runs to connect over the git protocol"),
        // ssh, pagers and editors that tools spawn.
        ("SSH_ASKPASS", "is a program ssh runs to ask for a passphrase"),
        ("PAGER", "is a command that man, git and other tools run as their pager"),
        ("MANPAGER", "is a command man runs as its pager"),
        ("MANOPT", "passes options to man, --pager included"),
        ("LESS", "passes options to less, initial commands (+!) included"),
        ("LESSOPEN", "is a command less runs on every file it opens"),
        ("LESSCLOSE", "is a command less runs on every file it closes"),
        ("EDITOR", "is a command that git, crontab and other tools run as their editor"),
        ("VISUAL", "is a command that git, crontab and other tools run as their editor"),
        ("SHELL", "chooses the shell that tmux, script, less and editors start"),
        // The JVM.
        ("JAVA_TOOL_OPTIONS", "passes options, -javaagent included, to every JVM"),
        ("_JAVA_OPTIONS", "passes options, -javaagent included, to every JVM"),
        ("JDK_JAVA_OPTIONS", "passes options, -javaagent included, to the java launcher"),
        ("JAVA_OPTS", "passes options, -javaagent included, to java in the start scripts of Tomcat, Gradle and others"),
        ("CLASSPATH", "adds where a JVM loads classes from"),
        // .NET.
        ("DOTNET_STARTUP_HOOKS", "makes .NET run code from an assembly before Main"),
        ("DOTNET_ADDITIONAL_DEPS", "makes .NET load assemblies from more dependency files"),
        ("DOTNET_SHARED_STORE", "adds where .NET loads assemblies from"),
        ("DOTNET_ROOT", "chooses the .NET runtime an application starts"),
        ("CORECLR_ENABLE_PROFILING", "makes .NET load the profiler that CORECLR_PROFILER names"),
        ("COR_ENABLE_PROFILING", "makes .NET load the profiler that COR_PROFILER names"),
        ("DOTNET_ENABLE_PROFILING", "makes .NET load the profiler that DOTNET_PROFILER names"),
        // Erlang and Elixir.
        ("ERL_AFLAGS", "passes flags, -eval included, to every erl"),
        ("ERL_FLAGS", "passes flags, -eval included, to every erl"),
        ("ERL_ZFLAGS", "passes flags, -eval included, to every erl"),
        ("ERL_LIBS", "adds where erl loads code from"),
        ("ELIXIR_ERL_OPTIONS", "passes flags, -eval included, to the erl under every elixir"),
        // PHP.
        ("PHPRC", "makes php read another php.ini, auto_prepend_file and extensions included"),
        ("PHP_INI_SCAN_DIR", "makes php read more .ini files, auto_prepend_file and extensions included"),
        // Node.
        ("NODE_OPTIONS", "passes options, --require included, to every node"),
        ("NODE_PATH", "adds directories node loads modules from"),
        ("NODE_REPL_EXTERNAL_MODULE", "makes node load a module in place of its REPL"),
        // Python.
        ("PYTHONPATH", "adds directories python imports from"),
        ("PYTHONSTARTUP", "makes python run a file at start"),
        ("PYTHONHOME", "moves python's standard library"),
        ("PYTHONUSERBASE", "moves python's user site-packages"),
        ("PYTHONWARNINGS", "can make python import a module at start"),
        ("PYTHONBREAKPOINT", "makes breakpoint() call any importable function"),
        // Ruby.
        ("RUBYOPT", "passes options, -r included, to every ruby"),
        ("RUBYLIB", "adds directories ruby loads from"),
        ("BUNDLE_GEMFILE", "makes bundler evaluate another Gemfile, which is ruby code"),
        // Perl.
        ("PERL5OPT", "passes options, -M included, to every perl"),
        ("PERL5LIB", "adds directories perl loads modules from"),
        ("PERLLIB", "adds directories perl loads modules from"),
        ("PERL5DB", "makes perl's debugger run code"),
        // Lua.
        ("LUA_INIT", "makes lua run code at start"),
        ("LUA_PATH", "adds where lua loads modules from"),
        ("LUA_CPATH", "adds where lua loads native modules from"),
        // R.
        ("R_PROFILE", "makes R run a file of R code at start"),
        ("R_PROFILE_USER", "makes R run a file of R code at start"),
        ("R_ENVIRON", "makes R read variables, R_PROFILE included, from another file"),
        ("R_ENVIRON_USER", "makes R read variables, R_PROFILE_USER included, from another file"),
        ("R_LIBS", "adds where R loads packages from"),
        ("R_LIBS_USER", "adds where R loads packages from"),
        ("R_LIBS_SITE", "adds where R loads packages from"),
        // glibc and OpenSSL.
        ("GCONV_PATH", "makes glibc load character-set modules from another directory"),
        ("OPENSSL_CONF", "makes OpenSSL read another configuration, which can load engines and providers"),
        ("OPENSSL_CONF_INCLUDE", "moves the files an OpenSSL configuration includes"),
        ("OPENSSL_MODULES", "chooses where OpenSSL loads providers from"),
        ("OPENSSL_ENGINES", "chooses where OpenSSL loads engines from"),
    ]

    /// What setting `name` would do, when it is guarded; nil when a secret may set it.
    ///
    /// Compares UTF-8 bytes (lengths first) rather than `String`s: the launcher asks this for every
    /// variable of a cache hit, and Unicode-aware comparison of ~120 names each cost measurably there.
    public static func danger(of name: String) -> String? {
        let bytes = name.utf8
        for p in prefixes where startsWith(bytes, p.prefix.utf8, anyCase: p.anyCase) { return p.does }
        let count = bytes.count
        for n in names where n.name.utf8.count == count && startsWith(bytes, n.name.utf8, anyCase: false) {
            return n.does
        }
        return nil
    }

    /// Whether `name` begins with `prefix`; with `anyCase`, ASCII letters of `name` in either case
    /// match the upper-case letters of `prefix`.
    static func startsWith(_ name: String.UTF8View, _ prefix: String.UTF8View, anyCase: Bool) -> Bool {
        guard name.count >= prefix.count else { return false }
        var n = name.makeIterator()
        for p in prefix {
            guard let b = n.next() else { return false }
            let c = anyCase && (0x61...0x7a).contains(b) ? b - 0x20 : b
            if c != p { return false }
        }
        return true
    }

    /// The first variable of `resolution` that is guarded and not in `allowed`, as the error that stops the run.
    public static func check(_ resolution: Resolution, allowed: [String]) throws(ResolutionError) {
        for v in resolution.variables where !allowed.contains(v.name) {
            if let does = danger(of: v.name) { throw refusal(variable: v.name, secret: v.secret, does: does) }
        }
    }

    /// The error for secret `secret` setting `variable`.
    public static func refusal(variable: String, secret: String, does: String) -> ResolutionError {
        ResolutionError("secret \(secret) would set \(variable), which \(does); lwexec refuses it",
                        hint: "rename the secret, or pass --allow-variable \(variable) if the command really needs it from Secrets Manager")
    }
}
