import ExecCore

/// What a completion request can learn from the command line being typed.
///
/// The shell passes every word of the line and the index of the one being completed. The AWS
/// options already typed (`--profile prod`) decide which account the names come from, as
/// they will for the run itself.
struct CompletionLine: Equatable {
    /// The AWS options typed before the word being completed.
    var aws = AWSOptions()
    /// True when a `--` comes before the word: it belongs to the command, not to lwexec.
    var afterTerminator = false

    init(words: [String], index: Int) {
        let end = min(index, words.count)
        var i = 1
        while i < end {
            let word = words[i]
            if word == "--" { afterTerminator = true; break }
            var name = word, value: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                value = String(word[word.index(after: eq)...])
            }
            if Self.awsOptions.contains(name), value == nil, i + 1 < end {
                // bash splits `--profile=x` into `--profile`, `=`, `x` (COMP_WORDBREAKS).
                if words[i + 1] == "=", i + 2 < end { value = words[i + 2]; i += 1 } else { value = words[i + 1] }
                i += 1
            }
            if let value, !value.isEmpty {
                switch name {
                case "--profile": aws.profile = value
                case "--region": aws.region = value
                case "--endpoint-url": aws.endpointURL = value
                default: break
                }
            }
            i += 1
        }
    }

    static let awsOptions: Set<String> = ["--profile", "--region", "--endpoint-url"]
}
