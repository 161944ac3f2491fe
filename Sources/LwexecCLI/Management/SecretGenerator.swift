import ArgumentParser
import LWCrypto
import LWEncoding

/// Random secret values from OpenSSL's `RAND_bytes`.
enum SecretGenerator {
    enum Format: String, CaseIterable, ExpressibleByArgument, Sendable {
        case base64, hex, alnum
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// `length` random bytes as base64 or hex (like `openssl rand -base64 32`), or `length` characters of [A-Za-z0-9].
    static func generate(length: Int, format: Format) throws(CommandFailure) -> String {
        switch format {
        case .base64: return Encoding.base64(try bytes(length))
        case .hex: return Encoding.hex(try bytes(length))
        case .alnum:
            // Rejection sampling: bytes >= 248 (= 62 × 4) are dropped so every character is equally likely.
            var out: [UInt8] = []
            while out.count < length {
                for b in try bytes(length) where b < 248 && out.count < length { out.append(alphabet[Int(b % 62)]) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func bytes(_ n: Int) throws(CommandFailure) -> [UInt8] {
        guard let b = SecureRandom.bytes(n) else { throw CommandFailure("OpenSSL's random generator could not be seeded") }
        return b
    }

    /// The checks `--length` needs: at least 16 bytes of randomness (128 bits), at most what a secret holds.
    static func validate(length: Int, format: Format) -> String? {
        let minimum = format == .alnum ? 22 : 16 // 22 alphanumerics ≈ 131 bits
        if length < minimum { return "--length must be at least \(minimum) for \(format.rawValue) (at least 128 bits)" }
        if length > 4096 { return "--length must be at most 4096" }
        return nil
    }
}
