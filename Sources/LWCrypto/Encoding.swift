import CCrypto

/// Hex and base64 encodings, kept here so no target needs Foundation for them.
public enum Encoding {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lowercase hex, as SigV4 and cache keys use.
    public static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard base64 with padding, no line breaks.
    public static func base64(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "" }
        var out = [UInt8](repeating: 0, count: 4 * ((bytes.count + 2) / 3) + 1)
        let n = bytes.withUnsafeBufferPointer { CryptoLibrary.api.pointee.encode_block(&out, $0.baseAddress, Int32($0.count)) }
        return String(decoding: out[0..<Int(n)], as: UTF8.self)
    }

    /// Decodes standard base64 (padding required, whitespace not allowed); nil when malformed.
    public static func base64Decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        if input.isEmpty { return [] }
        guard input.count % 4 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: input.count / 4 * 3)
        let n = input.withUnsafeBufferPointer { CryptoLibrary.api.pointee.decode_block(&out, $0.baseAddress, Int32($0.count)) }
        guard n >= 0 else { return nil }
        var len = Int(n)
        if input.last == UInt8(ascii: "=") { len -= 1 }
        if input.count >= 2 && input[input.count - 2] == UInt8(ascii: "=") { len -= 1 }
        return Array(out[0..<len])
    }
}
