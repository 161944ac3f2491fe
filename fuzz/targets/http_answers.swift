// libFuzzer target: what lwexec reads from an HTTP answer besides the JSON body — the error code
// and message (`ErrorDecoding.decode` over headers and body), the `Date` header (`Timestamps.
// parseHTTPDate`, used for clock-skew correction) — and numbers anywhere in a JSON answer
// (`JSONValue.int`, `.double`).
// Input: header lines ("Name: value\n"), a blank line, then the body; the first line's first byte
// picks the status. Invariants: no trap on any input (hostile years, huge numbers); a decoded error
// always has a code; a parsed date lies between the years 1 and 9999.
import AWSClient

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let status = [400, 403, 404, 429, 500, 502, 503][Int(first) % 7]
    var headers: [(name: String, value: String)] = []
    var i = 1
    while i < bytes.count {
        guard let nl = bytes[i...].firstIndex(of: 0x0a) else { break }
        let line = String(decoding: bytes[i..<nl], as: UTF8.self)
        i = nl + 1
        if line.isEmpty { break }
        if let colon = line.firstIndex(of: ":") {
            headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingWhitespace()))
        }
    }
    let body = Array(bytes[min(i, bytes.count)...])
    let (code, _) = ErrorDecoding.decode(status: status, headers: headers, body: body)
    precondition(!code.isEmpty, "an error without a code")
    let earliest = -62_135_596_800, latest = 253_402_300_799  // 0001-01-01 and 9999-12-31T23:59:59Z
    for (_, value) in headers {
        if let t = Timestamps.parseHTTPDate(value) { precondition((earliest...latest).contains(t), "date out of range") }
        if let t = Timestamps.parseISO8601(value) { _ = t }
    }
    if let json = try? JSON.parse(body) { visit(json) }
    return 0
}

/// Every number through the checked conversions.
func visit(_ v: JSONValue) {
    switch v {
    case .number:
        if let n = v.int, let d = v.double { precondition(Double(n) == d.rounded() || abs(d) > 9e15) }
        if let d = v.double { precondition(d.isFinite) }
    case .array(let a): a.forEach(visit)
    case .object(let o): o.values.forEach(visit)
    default: break
    }
}
