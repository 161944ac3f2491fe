// libFuzzer target: the AWS config/credentials INI parser (ConfigFile(parsing:)).
// Invariants: no crash or hang; keys are lowercased and trimmed; section names are trimmed.
import AWSConfig

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let file = try? ConfigFile(parsing: text, path: "fuzz") else { return 0 }
    for (name, keys) in file.sections {
        precondition(name.first != " " && name.last != " ", "untrimmed section name")
        for (key, value) in keys {
            precondition(key == key.lowercased(), "key not lowercased: \(key)")
            precondition(value.first != " " && value.last != " ", "untrimmed value")
        }
    }
    return 0
}
