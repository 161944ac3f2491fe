/// A shared file checked whole but read one section at a time: the file's bytes and where each
/// section header starts.
///
/// `init` runs every line through `ConfigFileParser`'s checks (the same failure, file and line as a
/// whole parse), keeping no name or value. `section(_:)` then parses, with the same parser, only the
/// lines of the headers that may hold that key — so the answer is the whole parse's, and a warm start
/// with thousands of profiles reads one of them (docs/benchmarks.md).
struct ConfigFileIndex: Sendable {
    /// A section header: where its line starts, and a hash of the section key it makes.
    struct Header: Sendable {
        enum Kind: Sendable, Equatable {
            /// The name is not an identifier: the section is ignored.
            case ignored
            /// Read for the keys whose hash is `hash` (whether its name is an identifier is left to the
            /// section's own parse, which ignores it if not).
            case key
            /// A prefix that is not ASCII (its key's text is the bytes' repaired decoding): read for any key.
            case anyKey
        }

        var kind: Kind
        var hash: UInt64
        var start: Int

        init(kind: Kind, hash: UInt64, start: Int) {
            self.kind = kind
            self.hash = hash
            self.start = start
        }

        /// The header whose trimmed text between the brackets is `lo..<hi`, split at its first blank
        /// (`split == hi`: `[name]`), on the line starting at `start`; keyed as the parser keys it.
        init(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ split: Int, _ hi: Int, start: Int) {
            self.start = start
            guard let p = b.baseAddress else {
                (kind, hash) = (.ignored, 0)
                return
            }
            let prefixHash = SectionKeyHash.segment(p, lo, split, seed: SectionKeyHash.prefixSeed)
            if split == hi {
                (kind, hash) = (isIdentifier(b, lo, hi) ? .key : .ignored, prefixHash)
                return
            }
            let (nlo, nhi) = trimWhitespace(b, split, hi)
            hash = SectionKeyHash.segment(p, nlo, nhi, seed: SectionKeyHash.nameSeed(prefixHash))
            kind = isIdentifier(b, nlo, nhi) ? .key : .ignored
            if kind == .key { for i in lo..<split where b[i] >= 0x80 { kind = .anyKey } }
        }
    }

    let bytes: [UInt8]
    let headers: [Header]
    /// An open-addressing table of the keyed headers: header index + 1 at its hash's slot (0: empty).
    private let slots: [Int]
    /// The headers read for any key (`Header.Kind.anyKey`).
    private let anyKey: [Int]

    /// Checks the file; `path` is named in the error of a malformed line.
    init(_ bytes: [UInt8], path: String) throws(AWSError) {
        var parser = ConfigFileParser(indexOnly: true)
        let failure = bytes.withUnsafeBufferPointer { parser.parse($0) }
        if let failure { throw failure.error(path: path) }
        self.bytes = bytes
        headers = parser.headers
        var capacity = 16
        while capacity < headers.count + headers.count / 2 { capacity <<= 1 }
        var slots = [Int](repeating: 0, count: capacity)
        var anyKey: [Int] = []
        for i in headers.indices {
            switch headers[i].kind {
            case .ignored: continue
            case .anyKey: anyKey.append(i)
            case .key:
                var s = Int(truncatingIfNeeded: headers[i].hash) & (capacity - 1)
                while slots[s] != 0 { s = (s + 1) & (capacity - 1) }
                slots[s] = i + 1
            }
        }
        self.slots = slots
        self.anyKey = anyKey
    }

    /// The section's properties, as `ConfigFile(parsing:)` would read them: every section under the
    /// same key (a repeated header adds to the section), in file order, through the same parser.
    func section(_ key: String) -> [String: String]? {
        let h = SectionKeyHash.key(key)
        var matches = anyKey
        var s = Int(truncatingIfNeeded: h) & (slots.count - 1)
        while slots[s] != 0 {
            if headers[slots[s] - 1].hash == h { matches.append(slots[s] - 1) }
            s = (s + 1) & (slots.count - 1)
        }
        if matches.isEmpty { return nil }
        matches.sort()
        var parser = ConfigFileParser()
        bytes.withUnsafeBufferPointer { b in
            for i in matches {
                let end = i + 1 < headers.count ? headers[i + 1].start : b.count
                // Its lines passed the same checks in the same state (a header resets it): no failure here.
                _ = parser.parse(UnsafeBufferPointer(rebasing: b[headers[i].start..<end]))
            }
        }
        return parser.finish()[key]
    }

    /// Every section (the whole parse of the checked bytes, which cannot fail).
    func allSections() -> [String: [String: String]] {
        var parser = ConfigFileParser()
        _ = bytes.withUnsafeBufferPointer { parser.parse($0) }
        return parser.finish()
    }
}

/// The hash a section key is indexed under: its prefix (up to the first space), then its name, 8 bytes
/// at a time. `scan` finds a segment's end and hashes it in one pass; `segment` hashes a known range;
/// both give the same value for the same bytes.
enum SectionKeyHash {
    static let prefixSeed: UInt64 = 1

    static func nameSeed(_ prefixHash: UInt64) -> UInt64 { prefixHash ^ 0xFF51_AFD7_ED55_8CCD }

    @inline(__always)
    static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 32)
    }

    /// The hash of `p[lo..<hi]` (nothing past `hi` read).
    static func segment(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, seed: UInt64) -> UInt64 {
        var h = seed, i = lo
        while hi - i >= 8 {
            h = mix(h, SWAR.load(p + i))
            i += 8
        }
        if i < hi {
            var w: UInt64 = 0
            for k in 0..<(hi - i) { w |= UInt64(p[i + k]) << UInt64(truncatingIfNeeded: 8 * k) }
            h = mix(h, w)
        }
        return mix(h, UInt64(truncatingIfNeeded: hi - lo))
    }

    /// Where the segment starting at `lo` ends — at the first byte that is not printable ASCII or is
    /// `[`, `]`, `#` or `;` — and its hash (`segment`'s); nil when that is not found 8 bytes before `n`.
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ lo: Int, _ n: Int, seed: UInt64) -> (Int, UInt64)? {
        var h = seed, i = lo
        while i + 8 <= n {
            let w = SWAR.load(p + i)
            let m = SWAR.equal(w, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"), UInt8(ascii: ";"))
                | SWAR.below(w, 0x21) | SWAR.equal(w, 0x7F) | (w & SWAR.highBits)
            if m == 0 {
                h = mix(h, w)
                i += 8
                continue
            }
            let k = m.trailingZeroBitCount >> 3
            if k > 0 { h = mix(h, w & ((1 << UInt64(truncatingIfNeeded: 8 * k)) - 1)) }
            return (i + k, mix(h, UInt64(truncatingIfNeeded: i + k - lo)))
        }
        return nil
    }

    /// The hash of a key as `section(_:)` is asked for it.
    static func key(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { b in
            guard let p = b.baseAddress else { return mix(prefixSeed, 0) }  // `segment` of nothing
            guard let space = b.firstIndex(of: 0x20) else { return segment(p, 0, b.count, seed: prefixSeed) }
            return segment(p, space + 1, b.count, seed: nameSeed(segment(p, 0, space, seed: prefixSeed)))
        }
    }
}

/// Eight bytes at a time (SIMD within a register): which bytes of a word match. In each mask the
/// lowest set bit marks the first matching byte exactly (bits above it may be spurious).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The 8 bytes at `p`, the first in the low bits.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Bytes equal to `c`.
    @inline(__always)
    static func equal(_ w: UInt64, _ c: UInt8) -> UInt64 {
        let t = w ^ (ones &* UInt64(c))
        return (t &- ones) & ~t & highBits
    }

    @inline(__always)
    static func equal(_ w: UInt64, _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt64 {
        equal(w, a) | equal(w, b) | equal(w, c) | equal(w, d)
    }

    /// Bytes below `c` (`c` at most 0x80).
    @inline(__always)
    static func below(_ w: UInt64, _ c: UInt8) -> UInt64 {
        (w &- ones &* UInt64(c)) & ~w & highBits
    }
}
