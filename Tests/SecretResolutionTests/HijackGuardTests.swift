import Testing
@testable import SecretResolution

/// The hijack guard, family by family (docs/security.md lists each with the documentation that
/// says it loads or runs code), and the names it must leave alone.
@Suite struct HijackGuardTests {
    static func unguarded(_ names: [String]) -> [String] { names.filter { HijackGuard.danger(of: $0) == nil } }

    @Test func git() {
        #expect(Self.unguarded([
            "GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0", "GIT_CONFIG_KEY_17", "GIT_CONFIG_VALUE_17",
            "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_DIR", "GIT_COMMON_DIR",
            "GIT_EXEC_PATH", "GIT_TEMPLATE_DIR", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "GIT_EDITOR",
            "GIT_SEQUENCE_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF", "GIT_PROXY_COMMAND",
        ]) == [])
    }

    @Test func sshPagersAndEditors() {
        #expect(Self.unguarded(["SSH_ASKPASS", "PAGER", "MANPAGER", "MANOPT", "LESS", "LESSOPEN", "LESSCLOSE",
                              "EDITOR", "VISUAL", "SHELL"]) == [])
    }

    @Test func jvm() {
        #expect(Self.unguarded(["JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS", "CLASSPATH"]) == [])
    }

    @Test func dotnet() {
        #expect(Self.unguarded([
            "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE", "DOTNET_ROOT",
            "CORECLR_ENABLE_PROFILING", "CORECLR_PROFILER", "CORECLR_PROFILER_PATH", "CORECLR_PROFILER_PATH_32",
            "CORECLR_PROFILER_PATH_64", "CORECLR_PROFILER_PATH_ARM64", "COR_ENABLE_PROFILING", "COR_PROFILER",
            "COR_PROFILER_PATH", "DOTNET_ENABLE_PROFILING", "DOTNET_PROFILER", "DOTNET_PROFILER_PATH_64",
        ]) == [])
    }

    @Test func erlangAndElixir() {
        #expect(Self.unguarded(["ERL_AFLAGS", "ERL_FLAGS", "ERL_ZFLAGS", "ERL_LIBS", "ELIXIR_ERL_OPTIONS"]) == [])
    }

    @Test func php() {
        #expect(Self.unguarded(["PHPRC", "PHP_INI_SCAN_DIR"]) == [])
    }

    @Test func node() {
        #expect(Self.unguarded(["NODE_OPTIONS", "NODE_PATH", "NODE_REPL_EXTERNAL_MODULE", "NPM_CONFIG_SCRIPT_SHELL",
                              "npm_config_node_options", "Npm_Config_Userconfig"]) == [])
    }

    @Test func python() {
        #expect(Self.unguarded(["PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONWARNINGS",
                              "PYTHONBREAKPOINT"]) == [])
    }

    @Test func ruby() {
        #expect(Self.unguarded(["RUBYOPT", "RUBYLIB", "BUNDLE_GEMFILE"]) == [])
    }

    @Test func perl() {
        #expect(Self.unguarded(["PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB"]) == [])
    }

    @Test func lua() {
        #expect(Self.unguarded(["LUA_INIT", "LUA_PATH", "LUA_CPATH", "LUA_INIT_5_4", "LUA_PATH_5_3", "LUA_CPATH_5_1"]) == [])
    }

    @Test func r() {
        #expect(Self.unguarded(["R_PROFILE", "R_PROFILE_USER", "R_ENVIRON", "R_ENVIRON_USER", "R_LIBS", "R_LIBS_USER",
                              "R_LIBS_SITE"]) == [])
    }

    @Test func dynamicLoaderGlibcAndOpenSSL() {
        #expect(Self.unguarded(["LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "DYLD_INSERT_LIBRARIES", "GCONV_PATH",
                              "OPENSSL_CONF", "OPENSSL_CONF_INCLUDE", "OPENSSL_MODULES", "OPENSSL_ENGINES"]) == [])
    }

    @Test func shellsAndStartFiles() {
        #expect(Self.unguarded(["PATH", "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PS0", "PS1", "PS2", "PS4",
                              "PROMPT_COMMAND", "IFS", "CDPATH", "ZDOTDIR", "BASH_FUNC_ls", "HOME",
                              "XDG_CONFIG_HOME"]) == [])
    }

    /// Names an application may well hold in a secret pass, including near misses of guarded ones.
    @Test func ordinaryNamesPass() {
        let ordinary = ["DATABASE_URL", "API_KEY", "GIT_TOKEN", "GIT_AUTHOR_NAME", "GIT_CONFIG_KEYRING", "GITHUB_TOKEN",
                        "SSH_PRIVATE_KEY", "SSH_AUTH_SOCK", "LESSON", "JAVA_VERSION", "DOTNET_ENVIRONMENT",
                        "ASPNETCORE_URLS", "ERL_COOKIE", "NPM_TOKEN", "NODE_ENV", "PYTHONUNBUFFERED", "OLD_LD_PRELOAD",
                        "APP_PATH", "HOMEPAGE_URL", "R_API_KEY", "LUA_VERSION", "OPENSSL_FIPS", "SHELL_NAME", "HTTPS_PROXY",
                        "SSL_CERT_FILE", "PS5", "EDITOR_URL", "BUNDLE_WITHOUT", "NPM_CONFIG"]
        #expect(ordinary.filter { HijackGuard.danger(of: $0) != nil } == [])
    }

    /// Each pattern says what its family does; a pattern-matched name is refused like a listed one
    /// and let through by `--allow-variable` with that exact name.
    @Test func patternMatchedNamesAreRefusedAndAllowedByName() throws {
        let r = Resolution(variables: [
            ResolvedVariable(name: "GIT_CONFIG_KEY_0", value: "core.fsmonitor", secret: "/p/git_config_key_0", explicit: false),
        ], notices: [])
        #expect(throws: ResolutionError.self) { try HijackGuard.check(r, allowed: []) }
        #expect(throws: ResolutionError.self) { try HijackGuard.check(r, allowed: ["GIT_CONFIG_KEY_1"]) }
        try HijackGuard.check(r, allowed: ["GIT_CONFIG_KEY_0"])
        #expect(HijackGuard.danger(of: "GIT_CONFIG_KEY_0")?.contains("git") == true)
    }
}
