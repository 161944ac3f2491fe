import SecretResolution

/// A small hand parser for the common `lwexec [exec] [OPTIONS] PREFIX... -- CMD` form.
///
/// swift-argument-parser's reflective parse is the largest cost of a start (docs/benchmarks.md); this skips it for the
/// launch path. It answers only when sure and returns nil for anything unusual (help,
/// version, other subcommands, unknown flags, missing `--`), which then goes to the full
/// parser. Tests check both parsers agree on every form this one accepts.
package enum FastPath {
    /// The subcommand names, written out so the launch path never touches the parser's
    /// reflective metadata; a test checks they equal `RootCommand`'s.
    package static let subcommands: [String] = [
        "exec", "help", "cache", "whoami",
        "write", "read", "list", "history", "env", "import", "tag", "lint", "rotate", "generate", "delete",
        "describe", "export", "version",
    ]

    /// Sets the boolean flag `name`; false when it is not one.
    static func setFlag(_ name: String, on o: inout ExecOptions) -> Bool {
        switch name {
        case "-r", "--recursive": o.recursive = true
        case "--keep-env": o.keepEnv = true
        case "--pristine": o.pristine = true
        case "--expand-json": o.expandJSON = true
        case "--allow-empty": o.allowEmpty = true
        case "--cache": o.cache = true
        case "--no-cache": o.cache = false
        case "-q", "--quiet": o.quiet = true
        case "-v", "--verbose": o.verbose = true
        default: return false
        }
        return true
    }
    static let valued: [String] = ["-s", "--secret", "--env-prefix", "--allow-variable", "--require", "--require-file", "--profile", "--region", "--endpoint-url", "--timeout",
                                     "--cache-ttl", "--stale-if-error"]

    /// The options, or nil to let the full parser decide.
    /// (Arrays, not sets: a handful of names is found faster than hashed, and a warm start is counted
    /// in microseconds.)
    package static func parse(_ args: [String], subcommands: [String]) -> ExecOptions? {
        var i = 0
        let explicit = args.first == "exec"
        if explicit { i = 1 } else if let first = args.first, subcommands.contains(first) { return nil }
        var o = ExecOptions()
        while i < args.count {
            let a = args[i]
            if a == "--" {
                o.command = Array(args[(i + 1)...])
                guard !o.command.isEmpty, !(o.pristine && o.keepEnv) else { return nil }
                return o
            }
            if setFlag(a, on: &o) { i += 1; continue }
            var name = a, value: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") { name = String(a[..<eq]); value = String(a[a.index(after: eq)...]) }
            if valued.contains(name) {
                if value == nil {
                    guard i + 1 < args.count, args[i + 1] != "--" else { return nil }
                    value = args[i + 1]
                    i += 1
                }
                guard let v = value, apply(name, v, to: &o) else { return nil }
                i += 1
                continue
            }
            if a.hasPrefix("-") { return nil }
            // A subcommand after options only (`lwexec --profile p whoami`): the full parser's case; so is
            // a first word that is not a secret path (`lwexec show NAME`), which lwexec-core names as an
            // unknown command instead of taking it for a prefix.
            if o.prefixes.isEmpty && (subcommands.contains(a) || !(explicit || a.hasPrefix("/") || a.hasPrefix("arn:"))) { return nil }
            o.prefixes.append(a)
            i += 1
        }
        return nil
    }

    private static func apply(_ name: String, _ v: String, to o: inout ExecOptions) -> Bool {
        switch name {
        case "-s", "--secret":
            guard let ref = SecretRef(parsing: v) else { return false }
            o.secrets.append(ref)
        case "--env-prefix": o.envPrefix = v
        case "--require":
            guard VariableMapping.isValidName(v) else { return false }
            o.require.append(v)
        case "--require-file": o.requireFiles.append(v)
        case "--allow-variable":
            guard VariableMapping.isValidName(v) else { return false }
            o.allowVariables.append(v)
        case "--profile": o.aws.profile = v
        case "--region": o.aws.region = v
        case "--endpoint-url": o.aws.endpointURL = v
        case "--timeout":
            guard let s = parseDuration(v) else { return false }
            o.aws.timeoutSeconds = s
        case "--cache-ttl":
            guard let s = parseDuration(v) else { return false }
            o.cacheTTL = s
        case "--stale-if-error":
            guard let s = parseDuration(v, allowZero: true) else { return false }
            o.staleIfError = s
        default: return false
        }
        // A value that looks like an option is left to the full parser, which decides.
        return !v.hasPrefix("-")
    }
}
