import Glibc
import Testing
@testable import KeyringCache

/// Completion's name lists in a keyring of their own: stored relative, read back whole, cleared.
@Suite struct NameListCacheTests {
    @Test func roundTripAndClear() throws {
        let name = "lwexec-test-names-\(getpid())"
        // No keyring (Docker's seccomp profile): a failure, not a silent pass; CI has one.
        let ring = try #require(try Keyring.open(named: name, create: true), "no kernel keyring here")
        defer { ring.destroy() }
        let cache = NameListCache(keyring: ring)
        let key = NameListKey(identity: "key:AKIA1", region: "us-east-1", endpoint: "https://x", parent: "/np/")
        try cache.store(["/np/a/b", "/np/c", "/other/d"], key: key, ttl: 30)
        #expect(cache.load(key) == ["/np/a/b", "/np/c"])
        // Another identity, region, endpoint or parent has its own list.
        var other = key
        other.identity = "key:AKIA2"
        #expect(cache.load(other) == nil)
        #expect(key.description.hasPrefix(NameListCache.entryPrefix))
        #expect(!key.description.contains("AKIA1"))
        #expect(cache.clear() == 1)
        #expect(cache.load(key) == nil)
    }
}
