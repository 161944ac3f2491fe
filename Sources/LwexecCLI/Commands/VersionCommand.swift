import ArgumentParser
import AWSClient

/// `lwexec version`: what `lwexec --version` prints.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print lwexec's version (as --version does).")

    func run() throws {
        StandardOutput.write(LwexecVersion.string + "\n")
    }
}
