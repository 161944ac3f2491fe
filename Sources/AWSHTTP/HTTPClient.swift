import LWSystem
import CCurl

/// HTTP over libcurl's multi interface: one connection cache for the whole run
/// (keep-alive across calls) and any number of requests in flight at once.
///
/// Not thread-safe: lwexec drives it from the main thread only.
public final class HTTPClient {
    public let options: HTTPOptions
    private var multi: UnsafeMutableRawPointer?
    private var idle: [UnsafeMutableRawPointer] = []

    /// Connections to one host at once: the values of a large prefix travel as 64 parallel `GetSecretValue` calls.
    public static let maxConnectionsPerHost = 64

    public init(options: HTTPOptions = HTTPOptions()) {
        self.options = options
    }

    deinit {
        // A client that never sent anything holds no handles: do not load libcurl just to free nothing.
        guard multi != nil || !idle.isEmpty, case .success(let lib) = CurlLibrary.shared() else { return }
        for h in idle { lib.api.pointee.easy_cleanup(h) }
        if let m = multi { _ = lib.api.pointee.multi_cleanup(m) }
    }

    /// Sends one request and waits for its answer.
    public func send(_ request: HTTPRequest) -> Result<HTTPResponse, HTTPError> {
        sendAll([request])[0]
    }

    /// Sends all requests at once and waits for every answer, in the order given.
    /// `onTick` is called about four times a second while the requests are in flight (progress display).
    public func sendAll(_ requests: [HTTPRequest], onTick: (() -> Void)? = nil) -> [Result<HTTPResponse, HTTPError>] {
        if requests.isEmpty { return [] }
        let lib: CurlLibrary
        switch CurlLibrary.shared() {
        case .success(let l): lib = l
        case .failure(let e): return requests.map { r in .failure(HTTPError(kind: e.kind, message: e.message, url: r.url)) }
        }
        let api = lib.api
        if multi == nil {
            multi = api.pointee.multi_init()
            _ = lw_msetopt_long(api, multi, CURLMOPT_MAX_HOST_CONNECTIONS, Self.maxConnectionsPerHost)
        }
        guard let multi else {
            return requests.map { .failure(HTTPError(kind: .unavailable, message: "curl_multi_init failed", url: $0.url)) }
        }

        // A header with a line break would become headers of its own on the wire: such a request is never
        // sent. (Every value lwexec puts into a header is checked where it enters, with its source named;
        // this is the backstop.)
        if let bad = requests.first(where: { $0.unsafeHeader != nil }) {
            return requests.map { r in
                .failure(HTTPError(kind: .unsafeRequest, message: "header \(bad.unsafeHeader!) holds a control character", url: r.url))
            }
        }

        var transfers: [Transfer] = []
        for request in requests {
            let handle = idle.popLast() ?? api.pointee.easy_init()!
            let t = Transfer(request: request, handle: handle)
            t.configure(api, options)
            transfers.append(t)
            _ = api.pointee.multi_add_handle(multi, handle)
        }

        var running: Int32 = 1
        while running > 0 {
            if api.pointee.multi_perform(multi, &running) != CURLM_OK { break }
            if running > 0, api.pointee.multi_poll(multi, nil, 0, onTick == nil ? 1000 : 250, nil) != CURLM_OK { break }
            onTick?()
        }

        var results = [Result<HTTPResponse, HTTPError>?](repeating: nil, count: transfers.count)
        var left: Int32 = 0
        while let msg = api.pointee.multi_info_read(multi, &left) {
            guard msg.pointee.msg == CURLMSG_DONE,
                  let i = transfers.firstIndex(where: { $0.handle == msg.pointee.easy_handle }) else { continue }
            results[i] = transfers[i].finish(api, code: lw_msg_result(msg))
        }
        for (i, t) in transfers.enumerated() {
            _ = api.pointee.multi_remove_handle(multi, t.handle)
            t.release(api)
            idle.append(t.handle)
            if results[i] == nil {
                results[i] = .failure(HTTPError(kind: .transport, message: "transfer did not complete", url: t.request.url))
            }
        }
        return results.map { $0! }
    }
}

/// The state of one request in flight: what to send and what came back.
private final class Transfer {
    let request: HTTPRequest
    let handle: UnsafeMutableRawPointer
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var headerBytes = 0
    /// Set when the answer outgrew `HTTPResponse.maxBodyBytes` or `maxHeaderBytes` (the transfer was aborted).
    var tooLarge = false
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(request: HTTPRequest, handle: UnsafeMutableRawPointer) {
        self.request = request
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit { errorBuffer.deallocate() }

    func configure(_ api: UnsafeMutablePointer<lw_curl_api>, _ options: HTTPOptions) {
        let h = handle
        api.pointee.easy_reset(h)
        _ = lw_setopt_str(api, h, CURLOPT_URL, request.url)
        _ = lw_setopt_str(api, h, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = lw_setopt_long(api, h, CURLOPT_NOSIGNAL, 1)
        let total = max(1, min(options.requestTimeoutMs, request.timeoutMs ?? .max))
        _ = lw_setopt_long(api, h, CURLOPT_CONNECTTIMEOUT_MS, min(total, options.connectTimeoutMs, request.connectTimeoutMs ?? .max))
        _ = lw_setopt_long(api, h, CURLOPT_TIMEOUT_MS, total)
        _ = lw_setopt_long(api, h, CURLOPT_SSL_VERIFYPEER, 1)
        _ = lw_setopt_long(api, h, CURLOPT_SSL_VERIFYHOST, 2)
        if let ca = options.caBundle { _ = lw_setopt_str(api, h, CURLOPT_CAINFO, ca) }
        // An empty proxy turns off every proxy, the environment's included (libcurl's CURLOPT_PROXY).
        if !options.proxyFromEnvironment { _ = lw_setopt_str(api, h, CURLOPT_PROXY, "") }
        _ = lw_setopt_ptr(api, h, CURLOPT_ERRORBUFFER, errorBuffer)

        switch request.method {
        case "GET": _ = lw_setopt_long(api, h, CURLOPT_HTTPGET, 1)
        default:
            if request.method != "POST" { _ = lw_setopt_str(api, h, CURLOPT_CUSTOMREQUEST, request.method) }
            _ = lw_setopt_off(api, h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
            // COPYPOSTFIELDS copies POSTFIELDSIZE bytes; the extra NUL gives an empty body an address.
            var bytes = request.body
            bytes.append(0)
            bytes.withUnsafeMutableBytes { _ = lw_setopt_ptr(api, h, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers {
            // "Name;" is curl's spelling of a header with an empty value.
            list = api.pointee.slist_append(list, value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        list = api.pointee.slist_append(list, "Expect:")
        headerList = list
        _ = lw_setopt_slist(api, h, CURLOPT_HTTPHEADER, list)

        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = lw_setopt_writefn(api, h, CURLOPT_WRITEFUNCTION, { ptr, size, count, user in
            let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            // Returning less than n aborts the transfer (CURLE_WRITE_ERROR).
            guard t.body.count <= HTTPResponse.maxBodyBytes - n else { t.tooLarge = true; return 0 }
            if let ptr { ptr.withMemoryRebound(to: UInt8.self, capacity: n) { t.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) } }
            return n
        })
        _ = lw_setopt_ptr(api, h, CURLOPT_WRITEDATA, me)
        _ = lw_setopt_writefn(api, h, CURLOPT_HEADERFUNCTION, { ptr, size, count, user in
            let t = Unmanaged<Transfer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            t.headerBytes += n
            guard t.headerBytes <= HTTPResponse.maxHeaderBytes else { t.tooLarge = true; return 0 }
            guard let ptr else { return n }
            let line = ptr.withMemoryRebound(to: UInt8.self, capacity: n) { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) }
            if line.hasPrefix("HTTP/") { t.headers.removeAll() } // a new response (after 100 or a redirect)
            if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingWhitespace()
                t.headers.append((name, value))
            }
            return n
        })
        _ = lw_setopt_ptr(api, h, CURLOPT_HEADERDATA, me)
    }

    func finish(_ api: UnsafeMutablePointer<lw_curl_api>, code: CURLcode) -> Result<HTTPResponse, HTTPError> {
        if tooLarge {
            return .failure(HTTPError(kind: .tooLarge, message: "the answer was larger than \(HTTPResponse.maxBodyBytes >> 20) MiB "
                                      + "of body or \(HTTPResponse.maxHeaderBytes >> 10) KiB of headers", url: request.url))
        }
        guard code == CURLE_OK else {
            var message = String(cString: errorBuffer)
            if message.isEmpty { message = api.pointee.easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)" }
            let kind: HTTPError.Kind = code == CURLE_OPERATION_TIMEDOUT ? .timeout : .transport
            return .failure(HTTPError(kind: kind, message: message, url: request.url))
        }
        var status = 0
        _ = lw_getinfo_long(api, handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: headers, body: body))
    }

    func release(_ api: UnsafeMutablePointer<lw_curl_api>) {
        api.pointee.slist_free_all(headerList)
        headerList = nil
    }
}

