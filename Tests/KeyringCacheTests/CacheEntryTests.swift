import Testing
@testable import KeyringCache
import SecretResolution

/// The cache entry decoder trusts nothing: any other process of the user can rewrite the keyring.
@Suite struct CacheEntryTests {
    let entry = CacheEntry(created: 1_795_946_555, ttl: 300, staleIfError: 3600, identityHash: "abc", prefixes: ["/p"],
                           secrets: [], resolution: Resolution(variables: [
                               ResolvedVariable(name: "DB_PASSWORD", value: "pw", secret: "/p/db_password", explicit: false),
                           ], notices: []))

    func decode(_ text: String) -> CacheEntry? { CacheEntry(decoding: Array(text.utf8)) }

    func tampered(_ edit: (String) -> String) -> CacheEntry? {
        decode(edit(String(decoding: entry.encoded(), as: UTF8.self)))
    }

    @Test func roundTrips() {
        #expect(CacheEntry(decoding: entry.encoded()) == entry)
    }

    @Test func absurdNumbersAreAMissNeverATrap() {
        #expect(tampered { $0.replacing("\"ttl\":300", with: "\"ttl\":1e400") } == nil)
        #expect(tampered { $0.replacing("\"ttl\":300", with: "\"ttl\":9223372036854775807") } == nil)
        #expect(tampered { $0.replacing("\"ttl\":300", with: "\"ttl\":-5") } == nil)
        #expect(tampered { $0.replacing("\"stale\":3600", with: "\"stale\":99999999999") } == nil)
        #expect(tampered { $0.replacing("\"created\":1795946555", with: "\"created\":9223372036854775807") } == nil)
        #expect(tampered { $0.replacing("\"created\":1795946555", with: "\"created\":1.5") } == nil)
    }

    @Test func namesMustBeValidAndUnique() {
        #expect(tampered { $0.replacing("\"DB_PASSWORD\"", with: "\"DB PASSWORD\"") } == nil)
        #expect(tampered { $0.replacing("\"DB_PASSWORD\"", with: "\"1DB\"") } == nil)
        #expect(tampered { $0.replacing("\"DB_PASSWORD\"", with: "\"A=B\"") } == nil)
        let twice = tampered { s in
            s.replacing("\"vars\":[", with: "\"vars\":[[\"DB_PASSWORD\",\"x\",\"/p/y\",false],")
        }
        #expect(twice == nil, "a duplicate name would reach the child twice")
    }

    @Test func valuesWithNULAndMissingMembersAreAMiss() {
        #expect(tampered { $0.replacing("\"pw\"", with: "\"p\\u0000w\"") } == nil)
        #expect(tampered { $0.replacing("\"notices\":[]", with: "\"notes\":[]") } == nil)
        #expect(tampered { $0.replacing("\"prefixes\":[\"/p\"]", with: "\"prefixes\":[7]") } == nil)
        #expect(decode("") == nil && decode("null") == nil && decode("{\"v\":1}") == nil)
    }
}
