import Glibc

/// `credential_process` of a profile: runs the command (no shell) and reads its JSON (`Version: 1`).
///
/// Errors quote the command's stderr, never its stdout, which holds keys.
enum ProcessFetch {
    /// Runs the command and parses its answer.
    static func run(_ command: String, profile: String, context: CredentialContext) throws(AWSError) -> Credentials {
        let what = "credential_process of profile \(profile)"
        let argv: [String]
        do { argv = try CommandLineSplit.split(command) } catch {
            throw AWSError(.configuration, "\(what) cannot be split into words: \(error)", hint: "check the quotes in credential_process")
        }
        guard !argv.isEmpty else {
            throw AWSError(.configuration, "\(what) is empty", hint: "set credential_process to a command, or remove it")
        }
        context.log.debug("running \(what): \(argv[0])")
        let out: ProcessCapture.Output
        do throws(ProcessCapture.Failure) {
            out = try ProcessCapture.run(argv, environment: context.env.raw, deadlineMs: Clock.monotonicMs() + context.remainingMs)
        } catch {
            switch error {
            case .spawn(let e):
                throw AWSError(.configuration, "\(what) could not start \(argv[0]): \(String(cString: strerror(e)))",
                               hint: "check that the command exists and is executable (PATH is searched)")
            case .interrupted(let signal):
                throw AWSError(.configuration, "\(what) was interrupted by signal \(signal); its process group was ended",
                               hint: "run lwexec again")
            }
        }
        // What the helper left in its group goes unless its answer is used (`ProcessCapture.finish`).
        var accepted = false
        defer { ProcessCapture.finish(out, keepGroup: accepted) }
        let stderr = Self.excerpt(out.stderr)
        if out.timedOut {
            throw AWSError(.configuration, "\(what) did not finish before the deadline\(stderr.isEmpty ? "" : "; it said: \(stderr)")",
                           hint: "make the command finish, or raise --timeout")
        }
        guard out.status == 0 else {
            throw AWSError(.configuration, "\(what) exited with status \(out.status)\(stderr.isEmpty ? "" : ": \(stderr)")",
                           hint: "run the command yourself to see what it needs (its output holds keys: do not paste it anywhere)")
        }
        let credentials = try parse(out.stdout, what: what, stderr: stderr)
        accepted = true
        return credentials
    }

    /// Reads the `Version: 1` JSON; the message never includes the output itself.
    static func parse(_ stdout: [UInt8], what: String, stderr: String = "") throws(AWSError) -> Credentials {
        let said = stderr.isEmpty ? "" : " (stderr: \(stderr))"
        func bad(_ why: String) -> AWSError {
            AWSError(.configuration, "\(what) printed malformed output: \(why)\(said)",
                     hint: "it must print JSON with Version 1, AccessKeyId and SecretAccessKey (output not shown: it may hold keys)")
        }
        let json: JSONValue
        do { json = try JSON.parse(stdout) } catch { throw bad("not JSON (\(error.reason))") }
        guard json.object != nil else { throw bad("not a JSON object") }
        guard let version = json["Version"], version == .number("1") || version == .string("1") else {
            throw bad("Version must be 1")
        }
        guard let id = json["AccessKeyId"]?.string, !id.isEmpty else { throw bad("AccessKeyId is missing") }
        guard let secret = json["SecretAccessKey"]?.string, !secret.isEmpty else { throw bad("SecretAccessKey is missing") }
        var expiration: Int?
        if let e = json["Expiration"] {
            guard let text = e.string, let t = Timestamps.parseISO8601(text) else { throw bad("Expiration is not an ISO 8601 time") }
            expiration = t
        }
        return Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: json["SessionToken"]?.string,
                           expiration: expiration, source: what)
    }

    /// The command's stderr on one line, shortened.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(600), as: UTF8.self)
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }.joined(separator: " / ")
    }
}
