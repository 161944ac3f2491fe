import ArgumentParser

/// `lwexec generate`: a random value, as `openssl rand -base64 32` makes one.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print a random value from OpenSSL's RAND_bytes (no AWS call).",
        discussion: """
        By default 32 random bytes in base64, as `openssl rand -base64 32` (the SOP's recipe). \
        --format hex prints the bytes in hex; --format alnum prints --length characters of \
        [A-Za-z0-9] (for systems that reject symbols), uniformly drawn.

        Examples:
          lwexec generate
          lwexec generate --format hex --length 64
          lwexec generate | lwexec write /non-prod/backend/jwt_secret_key
        """)

    @Option(help: ArgumentHelp("Random bytes (base64, hex) or characters (alnum).", valueName: "n"))
    var length: Int = 32

    @Option(help: ArgumentHelp("Encoding: base64, hex or alnum.", valueName: "format"))
    var format: SecretGenerator.Format = .base64

    func validate() throws {
        if let problem = SecretGenerator.validate(length: length, format: format) { throw ValidationError(problem) }
    }

    func run() throws {
        StandardOutput.write(try SecretGenerator.generate(length: length, format: format) + "\n")
    }
}
