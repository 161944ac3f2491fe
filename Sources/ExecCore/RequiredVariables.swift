import AWSConfig
import SecretResolution

/// `--require VAR` and `--require-file FILE` (chamber users' "strict mode"): the command starts only
/// when every variable it needs is in its environment, and the error names all that are missing.
package enum RequiredVariables {
    /// The names from `--require` and from each file (one a line; blank lines and `#` comments skipped).
    package static func names(_ required: [String], files: [String]) throws(ResolutionError) -> [String] {
        var out = required
        for file in files {
            let bytes: [UInt8]?
            do { bytes = try FileReading.contents(of: file) } catch {
                throw ResolutionError("cannot read --require-file \(file): \(error)", hint: "check the path and its permissions")
            }
            guard let bytes else { throw ResolutionError("--require-file \(file) does not exist", hint: "check the path") }
            for raw in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                let line = raw.trimmingWhitespace()
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard VariableMapping.isValidName(line) else {
                    throw ResolutionError("--require-file \(file) lists \(line), which is not a variable name",
                                          hint: "one variable name a line, e.g. DATABASE_PASSWORD")
                }
                out.append(line)
            }
        }
        return out
    }

    /// The required names `environment` does not hold, in the order required, once each.
    package static func missing(_ required: [String], in environment: [(name: [UInt8], value: [UInt8])]) -> [String] {
        var out: [String] = []
        for name in required where !out.contains(name) {
            if !environment.contains(where: { $0.name.elementsEqual(name.utf8) }) { out.append(name) }
        }
        return out
    }

    /// Throws when any required variable is missing from `environment`.
    package static func check(_ o: ExecOptions, environment: [(name: [UInt8], value: [UInt8])]) throws(ResolutionError) {
        guard !o.require.isEmpty || !o.requireFiles.isEmpty else { return }
        let gone = missing(try names(o.require, files: o.requireFiles), in: environment)
        guard !gone.isEmpty else { return }
        throw ResolutionError("required variable\(gone.count == 1 ? "" : "s") missing: \(gone.joined(separator: ", "))",
                              hint: "write the secret\(gone.count == 1 ? "" : "s") under the prefix (lwexec write PREFIX/name), name them with --secret, or drop them from --require")
    }
}
