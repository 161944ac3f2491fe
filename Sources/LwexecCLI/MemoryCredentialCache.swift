import AWSClient
import Synchronization

/// Temporary credentials kept in this process only: a `--watch` reuses them from one poll to the
/// next (refreshed through the chain once within five minutes of expiry) without writing them anywhere.
final class MemoryCredentialCache: CredentialCacheStore {
    private let entries = Mutex<[String: Credentials]>([:])

    func load(key: String) -> Credentials? { entries.withLock { $0[key] } }

    func store(_ c: Credentials, key: String) {
        guard c.expiration != nil else { return }
        entries.withLock { $0[key] = c }
    }
}
