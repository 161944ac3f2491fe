/// What to run: the command line, the exact environment it gets, and the PATH used to find it.
///
/// The launcher takes everything literally, so the CLI decides merging and precedence before this point.
/// Arguments and the environment are bytes, passed to the child exactly as given: a name or value that
/// is not UTF-8 (`ls $'caf\xe9.txt'`, an inherited `LEGACY=$'caf\xe9'`) reaches it unchanged.
public struct LaunchSpec: Sendable {
    /// The child's argv; `arguments[0]` is the command as the user typed it and is passed unchanged.
    ///
    /// It is also what `Launcher.resolve` looks up (as text: a command name that is not UTF-8 is not
    /// found), so an empty array is reported as "command not found".
    public var arguments: [[UInt8]]

    /// The child's complete environment, passed exactly and in this order (duplicates included).
    ///
    /// Names and values must not contain NUL, which C strings cannot carry.
    public var environment: [(name: [UInt8], value: [UInt8])]

    /// The PATH searched for `arguments[0]`: lwexec's own PATH, even when the child's environment differs.
    ///
    /// `nil` means PATH was unset and falls back to `/bin:/usr/bin`, as `execvp` does.
    public var searchPath: String?

    /// Creates a spec from exact bytes; nothing is checked until `Launcher.runAndExit` runs it.
    public init(arguments: [[UInt8]], environment: [(name: [UInt8], value: [UInt8])], searchPath: String?) {
        self.arguments = arguments
        self.environment = environment
        self.searchPath = searchPath
    }

    /// Creates a spec from text (UTF-8).
    public init(arguments: [String], environment: [(String, String)], searchPath: String?) {
        self.init(arguments: arguments.map { Array($0.utf8) }, environment: environment.map { (Array($0.0.utf8), Array($0.1.utf8)) },
                  searchPath: searchPath)
    }

    /// The command as text, for the PATH lookup and messages.
    public var command: String { String(decoding: arguments.first ?? [], as: UTF8.self) }
}
