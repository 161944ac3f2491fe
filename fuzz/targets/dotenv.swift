// libFuzzer target: the dotenv reader used by `lwexec import` (DotenvReader.parse).
// Invariants: no crash or hang; what it reads, DotenvWriter renders to a file it reads back
// identically (the writer promises exactness for every value it does not refuse).
import EnvFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let entries = try? DotenvReader.parse(text) else { return 0 }
    // Only names a shell could hold: the writer is for environment variables.
    let plain = entries.filter { e in
        !e.0.isEmpty && e.0.utf8.allSatisfy { $0 == 0x5f || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) }
            && e.0 != "export"
    }
    guard let out = try? DotenvWriter.render(plain) else { return 0 }
    guard let back = try? DotenvReader.parse(out.text) else { fatalError("rendered dotenv does not parse:\n\(out.text)") }
    precondition(back.count == plain.count, "entry count changed")
    for (a, b) in zip(plain, back) {
        precondition(a.0 == b.0 && a.1 == b.1, "dotenv round trip changed \(a.0): \(a.1.debugDescription) -> \(b.1.debugDescription)")
    }
    return 0
}
