// libFuzzer target: name mapping. Input: `prefix \n name \n ref` (missing parts are empty).
// Invariants: PrefixMatching.relativeName gives exactly the bytes after `prefix/`;
// VariableMapping.variableName holds only [A-Za-z0-9_]; SecretRef(parsing:) round-trips
// through its description.
import SecretResolution

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    let prefix = parts.count > 0 ? parts[0] : ""
    let name = parts.count > 1 ? parts[1] : ""
    let ref = parts.count > 2 ? parts[2] : ""

    let normalized = PrefixMatching.normalize(prefix)
    precondition(PrefixMatching.normalize(normalized) == normalized, "normalize is not idempotent")
    if let rel = PrefixMatching.relativeName(name, under: normalized) {
        let head = PrefixMatching.serviceFilter(for: normalized)
        precondition(Array((head + rel).utf8) == Array(name.utf8),
                     "relativeName(\(name.debugDescription), under: \(normalized.debugDescription)) = \(String(rel).debugDescription)")
        let variable = VariableMapping.variableName(for: rel, envPrefix: "")
        precondition(variable.utf8.allSatisfy { $0 == 0x5f || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) },
                     "variable name with a byte outside [A-Za-z0-9_]: \(variable.debugDescription)")
        if let first = variable.utf8.first, !(0x30...0x39).contains(first) {
            precondition(VariableMapping.isValidName(variable))
        }
        _ = VariableMapping.expandedName(base: variable, key: ref)
    }
    if let r = SecretRef(parsing: ref) {
        precondition(!r.name.isEmpty, "SecretRef with an empty name from \(ref.debugDescription)")
        precondition(SecretRef(parsing: r.description) == r, "SecretRef does not round-trip: \(ref.debugDescription)")
    }
    return 0
}
