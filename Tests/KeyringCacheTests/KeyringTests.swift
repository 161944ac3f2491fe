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
            #expect(cache.clear(prefix: "/np") == 1)
            #expect(cache.entries().isEmpty)
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
