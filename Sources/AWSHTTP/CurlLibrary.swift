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

    nonisolated(unsafe) private static var loaded: CurlLibrary?
    nonisolated(unsafe) private static var failure: String?

    /// The loaded library, or the reason it could not be loaded. Main-thread use only.
    static func shared() -> Result<CurlLibrary, HTTPError> {
        if let lib = loaded { return .success(lib) }
        if let why = failure {
            return .failure(HTTPError(kind: .unavailable, message: "cannot load libcurl: \(why)", url: ""))
        }
        var api = lw_curl_api()
        var err = [CChar](repeating: 0, count: 256)
        if lw_curl_load(&api, &err, err.count) != 0 {
            failure = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return shared()
        }
        _ = api.global_init(Int(CURL_GLOBAL_DEFAULT))
        let lib = CurlLibrary(api: api)
        loaded = lib
        return .success(lib)
    }
}
