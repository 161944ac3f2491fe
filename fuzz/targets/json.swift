// libFuzzer target: the JSON reader (JSON.parse) and error decoding (ErrorDecoding.decode).
// Invariants: no crash or hang; whatever parses serializes to text that parses to the same value.
import AWSClient

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let v = try? JSON.parse(bytes) {
        let text = JSON.serialize(v)
        guard let again = try? JSON.parse(text) else { fatalError("serialized JSON does not parse: \(text)") }
        precondition(again == v, "JSON round trip changed the value")
    }
    for status in [400, 503] {
        let (code, message) = ErrorDecoding.decode(status: status, headers: [("x-amzn-errortype", "Fuzz:x")], body: bytes)
        precondition(!code.isEmpty)
        _ = message
    }
    return 0
}
