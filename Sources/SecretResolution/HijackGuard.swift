/// Variables a secret may not set: each changes how the command, its shell or its interpreter finds
/// and loads code, so whoever may write one secret under a prefix could run code in every service
/// that loads it — in most organisations a different set of people from those who deploy the code.
///
/// The guard is on by default, on fresh resolutions and on cache hits alike; `--allow-variable NAME`
/// lets one name through. docs/security.md lists what each name does.
public enum HijackGuard {
    /// Names guarded as a whole family: the dynamic loader's (`LD_PRELOAD`, `LD_LIBRARY_PATH`,
    /// `LD_AUDIT`...) and macOS's.
    public static let prefixes = ["LD_", "DYLD_"]

    /// Names guarded one by one, with what they do.
    public static let names: [(name: String, does: String)] = [
        ("PATH", "chooses which programs run"),
        ("BASH_ENV", "makes bash run a file at start"),
        ("ENV", "makes sh and bash in POSIX mode run a file at start"),
        ("SHELLOPTS", "sets bash options, such as xtrace with PS4"),
        ("BASHOPTS", "sets bash options at start"),
        ("PS4", "is expanded, commands included, by a shell tracing with xtrace"),
        ("IFS", "changes how a shell splits words"),
        ("CDPATH", "changes where a shell's cd goes"),
        ("ZDOTDIR", "makes zsh read its start files from another directory"),
        ("GCONV_PATH", "makes glibc load character-set modules from another directory"),
        ("NODE_OPTIONS", "passes options, --require included, to every node"),
        ("NODE_PATH", "adds directories node loads modules from"),
        ("PYTHONPATH", "adds directories python imports from"),
        ("PYTHONSTARTUP", "makes python run a file at start"),
        ("PYTHONHOME", "moves python's standard library"),
        ("PYTHONUSERBASE", "moves python's user site-packages"),
        ("PYTHONWARNINGS", "can make python import a module at start"),
        ("PYTHONBREAKPOINT", "makes breakpoint() call any importable function"),
        ("PERL5OPT", "passes options, -M included, to every perl"),
        ("PERL5LIB", "adds directories perl loads modules from"),
        ("PERLLIB", "adds directories perl loads modules from"),
        ("PERL5DB", "makes perl's debugger run code"),
        ("RUBYOPT", "passes options, -r included, to every ruby"),
        ("RUBYLIB", "adds directories ruby loads from"),
        ("JAVA_TOOL_OPTIONS", "passes options, -javaagent included, to every JVM"),
        ("_JAVA_OPTIONS", "passes options, -javaagent included, to every JVM"),
        ("JDK_JAVA_OPTIONS", "passes options, -javaagent included, to the java launcher"),
        ("CLASSPATH", "adds where a JVM loads classes from"),
        ("LUA_INIT", "makes lua run code at start"),
        ("LUA_PATH", "adds where lua loads modules from"),
        ("LUA_CPATH", "adds where lua loads native modules from"),
    ]

    /// What setting `name` would do, when it is guarded; nil when a secret may set it.
    public static func danger(of name: String) -> String? {
        for p in prefixes where name.hasPrefix(p) { return "changes what the dynamic loader loads into every program" }
        for n in names where n.name == name { return n.does }
        return nil
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
