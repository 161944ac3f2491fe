import Testing
@testable import LWCrypto
import LWEncoding

@Suite struct CryptoTests {
    @Test func knownDigests() {
        #expect(Encoding.hex(Digest.sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Encoding.hex(Digest.sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Encoding.hex(Digest.sha1("abc")) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        // RFC 4231 test case 2.
        #expect(Encoding.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), data: "what do ya want for nothing?"))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// The Swift fingerprint (LWEncoding) must equal libcrypto's SHA-256 on every length around block boundaries.
    @Test func fingerprintMatchesLibcrypto() {
        for n in [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 70_000] {
            let data = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(Fingerprint.sha256(data) == Digest.sha256(data), "length \(n)")
        }
    }

    @Test func randomBytes() {
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        #expect(a?.count == 32 && a != b)
        // Every value of a small range comes up, and none outside it (uniform(n) is in 0..<n).
        var seen = Set<UInt64>()
        for _ in 0..<2000 { seen.insert(SecureRandom.uniform(10)) }
        #expect(seen == Set(0..<10))
    }
}
