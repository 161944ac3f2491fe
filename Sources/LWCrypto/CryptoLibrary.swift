import CCrypto
import Glibc

/// libcrypto's entry points, loaded with dlopen the first time something needs them.
///
/// Keeps libcrypto off every run that does not sign (a cached launch hashes its cache key with
/// `LWEncoding.Fingerprint`, in Swift, and cannot reach this module). Without libcrypto nothing can
/// be signed, so its absence is fatal with a clear message.
enum CryptoLibrary {
    /// The loaded table, loaded once on first use (a lazily initialised global: thread-safe).
    static var api: UnsafeMutablePointer<lw_crypto_api> { table.pointer }

    /// The table's address, as a Sendable box (it is written once, then only read).
    struct Table: @unchecked Sendable { let pointer: UnsafeMutablePointer<lw_crypto_api> }

    private static let table: Table = {
        var loaded = lw_crypto_api()
        var err = [CChar](repeating: 0, count: 256)
        if lw_crypto_load(&loaded, &err, err.count) != 0 {
            let why = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let line = "lwexec: cannot load libcrypto (\(why)); install libssl3 (Debian) or openssl-libs\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
            exit(125)
        }
        let t = UnsafeMutablePointer<lw_crypto_api>.allocate(capacity: 1)
        t.initialize(to: loaded)
        return Table(pointer: t)
    }()
}
