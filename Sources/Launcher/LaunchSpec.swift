/// What to run: the command line, the exact environment it gets, and the PATH used to find it.
///
/// The launcher takes everything literally, so the CLI decides merging and precedence before this point.
public struct LaunchSpec: Sendable {
    /// The child's argv; `arguments[0]` is the command as the user typed it and is passed unchanged.
    ///
    /// It is also what `Launcher.resolve` looks up, so an empty array is reported as "command not found".
    public var arguments: [String]

    /// The child's complete environment, passed exactly and in this order (duplicates included).
    ///
    /// Names and values are arbitrary text but must not contain NUL, which C strings cannot carry.
    public var environment: [(String, String)]

    /// The PATH searched for `arguments[0]`: lwexec's own PATH, even when the child's environment differs.
    ///
    /// `nil` means PATH was unset and falls back to `/bin:/usr/bin`, as `execvp` does.
    public var searchPath: String?

    /// Creates a spec; nothing is checked until `Launcher.runAndExit` runs it.
    public init(arguments: [String], environment: [(String, String)], searchPath: String?) {
        self.arguments = arguments
        self.environment = environment
        self.searchPath = searchPath
    }
}
