import CCurl

/// The libcurl entry points, loaded with dlopen the first time a request is made.
///
/// Loading on demand keeps libcurl (and the ~30 libraries it pulls in) off every
/// start-up path that never touches the network, such as a keyring cache hit.
final class CurlLibrary: @unchecked Sendable {
    /// The entry-point table, at a stable address for the shim's typed wrappers.
    let api: UnsafeMutablePointer<lw_curl_api>

    private init(api: lw_curl_api) {
        self.api = .allocate(capacity: 1)
        self.api.initialize(to: api)
    }

    /// The library, loaded once on first use (a lazily initialised global: thread-safe, no mutable state),
    /// or the reason it could not be.
    private static let loaded: Result<CurlLibrary, HTTPError> = {
        var api = lw_curl_api()
        var err = [CChar](repeating: 0, count: 256)
        if lw_curl_load(&api, &err, err.count) != 0 {
            let why = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(HTTPError(kind: .unavailable, message: "cannot load libcurl: \(why)", url: ""))
        }
        _ = api.global_init(Int(CURL_GLOBAL_DEFAULT))
        return .success(CurlLibrary(api: api))
    }()

    /// The loaded library, or the reason it could not be loaded.
    static func shared() -> Result<CurlLibrary, HTTPError> { loaded }
}
