import Glibc
import Testing
@testable import KeyringCache
import SecretResolution

/// These use the real kernel keyring, in a keyring of their own so a user's cache is untouched.
@Suite(.serialized) struct KeyringTests {
    let name = "lwexec-test-\(getpid())"

    func withCache(_ body: (ResolutionCache) throws -> Void) throws {
        let cache = try #require(try ResolutionCache.open(named: name, create: true))
        defer { cache.keyring.destroy() }
        try body(cache)
    }

    func entry(_ vars: [(String, String)], prefixes: [String] = ["/np/app"], ttl: Int = 300) -> CacheEntry {
        CacheEntry(created: Int(time(nil)), ttl: ttl, staleIfError: 60, identityHash: "abc", prefixes: prefixes, secrets: [],
                   resolution: Resolution(variables: vars.map { ResolvedVariable(name: $0.0, value: $0.1, secret: "/np/app/" + $0.0.lowercased(), explicit: false) },
                                          notices: ["X: a overrides b"]))
    }

    @Test func roundTripIsByteExact() throws {
        try withCache { cache in
            let e = entry([("A", "line1\nline2 \"q\" 'x' $HOME `id` \\ 🔑"), ("EMPTY", "")])
            try cache.store(e, key: "lwexec:v1:env:test1")
            #expect(cache.load("lwexec:v1:env:test1") == e)
            #expect(cache.load("lwexec:v1:env:missing") == nil)
        }
    }

    @Test func largeEntriesAreSplitAcrossKeys() throws {
        try withCache { cache in
            let big = String(repeating: "x", count: 65_536)
            let e = entry([("A", big), ("B", big)])
            try cache.store(e, key: "lwexec:v1:env:big")
            #expect(cache.keyring.descriptions().filter { $0.hasPrefix("lwexec:v1:env:big#") }.count >= 4)
            #expect(cache.load("lwexec:v1:env:big") == e)
            // A missing part is a miss, never a partial entry.
            cache.keyring.remove("lwexec:v1:env:big#1")
            #expect(cache.load("lwexec:v1:env:big") == nil)
        }
    }

    @Test func keysCarryExpiryAndOwnerOnlyPermissions() throws {
        try withCache { cache in
            try cache.store(entry([("A", "1")]), key: "lwexec:v1:env:perm")
            let line = try #require(procKeysLine(containing: "lwexec:v1:env:perm"))
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // serial flags usage timeout perm uid gid type description
            #expect(fields[3] != "perm", "a key must carry a kernel expiry")
            #expect(fields[4] == "3f3f0000", "possessor and user only, no group or other bits")
        }
    }

    @Test func kernelExpiryRemovesTheKey() throws {
        try withCache { cache in
            try cache.keyring.write("lwexec:v1:env:short", Array("x".utf8), timeout: 1)
            #expect(cache.keyring.read("lwexec:v1:env:short") != nil)
            sleep(2)
            #expect(cache.keyring.read("lwexec:v1:env:short") == nil)
        }
    }

    @Test func clearAndInvalidate() throws {
        try withCache { cache in
            try cache.store(entry([("A", "1")], prefixes: ["/np/app"]), key: "lwexec:v1:env:one")
            try cache.store(entry([("B", "2")], prefixes: ["/np/other"]), key: "lwexec:v1:env:two")
            #expect(cache.entries().count == 2)
            #expect(cache.invalidate(secretName: "/np/app/a") == 1)
            #expect(cache.entries().map(\.key) == ["lwexec:v1:env:two"])
            #expect(cache.clear(prefix: "/np") == ResolutionCache.Cleared(entries: 1, unreadable: 0))
            #expect(cache.entries().isEmpty)
        }
    }

    @Test func anEntryOverWhatIsReadBackIsNotWrittenAndTheOldOneGoes() throws {
        try withCache { cache in
            let key = "lwexec:v1:env:huge"
            try cache.store(entry([("A", "small")]), key: key)
            // Just over 63 keys' worth once encoded: refused, and the entry that was there goes too.
            let big = entry([("A", String(repeating: "x", count: ResolutionCache.maxEntryBytes))])
            #expect(throws: CacheStoreError.self) { try cache.store(big, key: key) }
            do {
                try cache.store(big, key: key)
            } catch {
                #expect("\(error)".hasPrefix("not cached: the entry is 2,064,") == true)
                #expect("\(error)".hasSuffix("bytes, over the 2,064,321-byte limit of the keyring cache (63 keys of 32,767 bytes); nothing was stored"))
            }
            #expect(cache.keyring.descriptions().filter { $0.hasPrefix(key) }.isEmpty)
            // The largest that fits is stored and read back.
            let fits = entry([("A", String(repeating: "y", count: ResolutionCache.maxEntryBytes - 400))])
            try cache.store(fits, key: key)
            #expect(cache.keyring.descriptions().filter { $0.hasPrefix(key + "#") }.count == ResolutionCache.maxParts)
            #expect(cache.load(key) == fits)
            // A shorter entry under the same key leaves none of the longer one's parts behind.
            try cache.store(entry([("A", "short again")]), key: key)
            #expect(cache.keyring.descriptions().filter { $0.hasPrefix(key) } == [key])
        }
    }

    @Test func theInventoryShowsAndClearRemovesWhatCannotBeRead() throws {
        try withCache { cache in
            let ring = cache.keyring
            try cache.store(entry([("A", "1")], prefixes: ["/np/app"]), key: "lwexec:v1:env:good")
            try ring.write("lwexec:v1:env:headless", Array("P2:abc".utf8), timeout: 60)
            try ring.write("lwexec:v1:env:tampered", Array(#"{"v":1,"prefixes":["/np/app"],"vars":[["1X","v","/np/app/x",false]]}"#.utf8), timeout: 60)
            try ring.write("lwexec:v1:env:other", Array(#"{"prefixes":["/np/other"]}"#.utf8), timeout: 60)
            try ring.write("lwexec:v1:env:orphan#0", Array("{".utf8), timeout: 60)
            try ring.write("lwexec:v2:future", Array("?".utf8), timeout: 60)
            try ring.write("lwexec:v1:names:list", Array("v1\na".utf8), timeout: 60)
            try ring.write("not-lwexec", Array("kept".utf8), timeout: 60)
            let rows = cache.inventory()
            #expect(rows.map(\.key) == ["lwexec:v1:env:good", "lwexec:v1:env:headless", "lwexec:v1:env:orphan",
                                        "lwexec:v1:env:other", "lwexec:v1:env:tampered", "lwexec:v2:future"])
            let reasons = rows.map { row -> String in
                if case .unreadable(let reason, _) = row.state { return reason }
                return "readable"
            }
            #expect(reasons == ["readable", "its parts are missing", "parts without a head", "not a valid entry",
                                "not a valid entry", "not a key this lwexec writes"])
            // By prefix: the readable entry and the tampered one that still names it.
            #expect(cache.clear(prefix: "/np/app/") == ResolutionCache.Cleared(entries: 2, unreadable: 1))
            #expect(cache.clear(prefix: nil) == ResolutionCache.Cleared(entries: 4, unreadable: 4))
            #expect(ring.descriptions().sorted() == ["lwexec:v1:names:list", "not-lwexec"])
        }
    }

    @Test func freshnessWindows() {
        let e = CacheEntry(created: 1000, ttl: 300, staleIfError: 3600, identityHash: "", prefixes: [], secrets: [],
                           resolution: Resolution(variables: [], notices: []))
        #expect(e.isFresh(at: 1299))
        #expect(!e.isFresh(at: 1300))
        #expect(e.isUsableStale(at: 4899))
        #expect(!e.isUsableStale(at: 4900))
    }

    @Test func cacheKeysSeparateIdentitiesAndOptions() {
        let base = CacheKey(identity: "key:AKIA1", region: "us-east-1", endpoint: "https://x", prefixes: ["/a"], secrets: [],
                            recursive: false, expandJSON: false, envPrefix: "", allowEmpty: false)
        var other = base
        other.identity = "key:AKIA2"
        #expect(base.description != other.description)
        #expect(base.identityHash != other.identityHash)
        for change in [{ (k: inout CacheKey) in k.recursive = true }, { $0.expandJSON = true }, { $0.envPrefix = "APP_" },
                       { $0.region = "eu-west-1" }, { $0.prefixes = ["/a", "/b"] }, { $0.secrets = ["/s"] }] {
            var k = base
            change(&k)
            #expect(k.description != base.description)
        }
        #expect(base.description.hasPrefix("lwexec:v1:env:"))
        #expect(!base.description.contains("AKIA"))
    }

    func procKeysLine(containing text: String) -> String? {
        guard let f = fopen("/proc/keys", "r") else { return nil }
        defer { fclose(f) }
        var buf = [CChar](repeating: 0, count: 4096)
        while fgets(&buf, Int32(buf.count), f) != nil {
            let line = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if line.contains(text) { return line }
        }
        return nil
    }
}
