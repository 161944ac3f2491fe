import Glibc

extension Launcher {
    /// The PATH `execvp` uses when PATH is unset (glibc's `_CS_PATH`).
    static let defaultSearchPath = "/bin:/usr/bin"

    /// Resolves the command the way execvp does: a name containing '/' is used as is; otherwise search
    /// each PATH entry (empty entry = current dir); first regular file that is executable wins; if one
    /// exists but is not executable, remember it -> 126 (permission denied) if nothing better found;
    /// nothing -> 127.
    ///
    /// Directories on the way are skipped, as bash does, rather than reported as "permission denied".
    public static func resolve(_ command: String, searchPath: String?) -> Result<String, LaunchError> {
        if command.isEmpty { return .failure(.notFound(command: command)) }
        // A path is not searched for; posix_spawn reports whatever is wrong with it.
        if command.contains("/") { return .success(command) }

        var notExecutable: String?
        let entries = (searchPath ?? defaultSearchPath).split(separator: ":", omittingEmptySubsequences: false)
        for entry in entries {
            // An empty entry is the current directory; "./" keeps the result a path, never a bare name.
            let candidate = entry.isEmpty ? "./" + command
                : entry.hasSuffix("/") ? entry + command : entry + "/" + command
            switch fileKind(candidate) {
            case .executable: return .success(candidate)
            case .notExecutable: if notExecutable == nil { notExecutable = candidate }
            case .other: continue
            }
        }
        if notExecutable != nil {
            return .failure(.notExecutable(command: command, reason: errorText(EACCES)))
        }
        return .failure(.notFound(command: command))
    }

    enum FileKind { case executable, notExecutable, other }

    /// Whether `path` is a regular file this process may execute (with its effective IDs, as execve checks).
    static func fileKind(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .other }
        return faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) == 0 ? .executable : .notExecutable
    }
}
