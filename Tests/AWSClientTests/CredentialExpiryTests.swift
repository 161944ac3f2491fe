import Synchronization
import Testing
@testable import AWSClient
@testable import AWSConfig

/// Expired credentials are refused whatever their source; the cache asks the source again instead.
@Suite struct CredentialExpiryTests {
    final class Store: CredentialCacheStore {
        let entry: Credentials?
        let stored = Mutex<[Credentials]>([])
        init(_ entry: Credentials?) { self.entry = entry }
        func load(key: String) -> Credentials? { entry }
        func store(_ c: Credentials, key: String) { stored.withLock { $0.append(c) } }
    }

    func context(cache: Store?) -> CredentialContext {
        var c = CredentialContext(env: ProcessEnvironment([]), shared: SharedConfig(config: ConfigFile(parsing: ""),
                                                                                     credentials: ConfigFile(parsing: "")),
                                  profileFlag: nil)
        c.credentialCache = cache
        return c
    }

    func creds(expiring exp: Int?, source: String = "role arn:aws:iam::1:role/r (profile p, from environment)") -> Credentials {
        Credentials(accessKeyID: "AKIA", secretAccessKey: "s", sessionToken: "t", expiration: exp, source: source)
    }

    @Test func expiredMeansAtOrBeforeNow() throws {
        let now = 1_700_000_000
        #expect(throws: AWSError.self) { try CredentialExpiry.check(creds(expiring: now), now: now) }
        #expect(throws: AWSError.self) { try CredentialExpiry.check(creds(expiring: now - 1), now: now) }
        try CredentialExpiry.check(creds(expiring: now + 1), now: now)
        try CredentialExpiry.check(creds(expiring: nil), now: now)
    }

    @Test func theMessageNamesTheSourceAndTheTime() {
        #expect {
            try CredentialExpiry.check(creds(expiring: 1_577_934_245), now: 1_700_000_000)
        } throws: { e in
            (e as? AWSError)?.message == "the credentials from role arn:aws:iam::1:role/r (profile p, from environment) expired at "
                + "2020-01-02T03:04:05Z (it is 2023-11-14T22:13:20Z here); they were not used"
        }
    }

    @Test func aFetchThatAnswersExpiredCredentialsFails() {
        let store = Store(nil)
        #expect(throws: AWSError.self) {
            try context(cache: store).cached("k") { () throws(AWSError) -> Credentials in creds(expiring: Clock.epochSeconds() - 10) }
        }
        #expect(store.stored.withLock { $0.isEmpty })
    }

    @Test(arguments: [Clock.epochSeconds() - 10, Clock.epochSeconds() + 60, nil] as [Int?])
    func anUnusableCachedEntryIsFetchedAgain(cachedExpiration: Int?) throws {
        // Expired, within the reuse margin, or without an expiration (not an entry lwexec stored).
        let store = Store(creds(expiring: cachedExpiration, source: "cached"))
        var fetched = 0
        let c = try context(cache: store).cached("k") { () throws(AWSError) -> Credentials in
            fetched += 1
            return creds(expiring: Clock.epochSeconds() + 3600, source: "fresh")
        }
        #expect(fetched == 1 && c.source == "fresh")
    }

    @Test func aFreshCachedEntryIsUsed() throws {
        let store = Store(creds(expiring: Clock.epochSeconds() + 3600, source: "cached"))
        let c = try context(cache: store).cached("k") { () throws(AWSError) -> Credentials in
            Issue.record("fetched although the cache had fresh credentials")
            return creds(expiring: nil)
        }
        #expect(c.source == "cached")
    }
}
