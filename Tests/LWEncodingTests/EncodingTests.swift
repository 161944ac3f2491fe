import Testing
import LWEncoding

@Suite struct EncodingTests {
    @Test func knownFingerprints() {
        #expect(Encoding.hex(Fingerprint.sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Encoding.hex(Fingerprint.sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // FIPS 180-2, the two-block message.
        #expect(Encoding.hex(Fingerprint.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hex() {
        #expect(Encoding.hex([]) == "")
        #expect(Encoding.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
    }

    /// RFC 4648, section 10.
    @Test func base64TestVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
                       "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Encoding.base64(Array(plain.utf8)) == encoded)
            #expect(Encoding.base64Decode(encoded) == Array(plain.utf8))
        }
        #expect(Encoding.base64([0xfb, 0xff, 0xbf]) == "+/+/")
        #expect(Encoding.base64Decode("+/+/") == [0xfb, 0xff, 0xbf])
    }

    @Test func base64RoundTripsEveryByteAndLength() {
        for n in 0..<70 {
            let data = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            #expect(Encoding.base64Decode(Encoding.base64(data)) == data, "length \(n)")
        }
        let all = (0...255).map { UInt8($0) }
        #expect(Encoding.base64Decode(Encoding.base64(all)) == all)
    }

    /// SecretBinary comes from the network: a malformed value is an error, never bytes made up from it.
    @Test(arguments: ["not base64!", "YWJ", "a=bc", "====", "A===", "YQ==YQ==", "=YWJ", "YW Jj", "YWJj\n",
                      " YWJ", "YWJ-", "YW_j", "YWJj====", "é=="])
    func base64DecodeRejects(_ text: String) {
        #expect(Encoding.base64Decode(text) == nil)
    }
}
