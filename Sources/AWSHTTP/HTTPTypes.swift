/// One HTTP request as lwexec sends it: the URL whole, headers in order, the body as bytes.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Milliseconds this request may take, when less than the client's `requestTimeoutMs` (e.g. a deadline's remainder).
    public var timeoutMs: Int?
    /// Milliseconds to connect, when less than the client's `connectTimeoutMs` (e.g. 1 s for IMDS).
    public var connectTimeoutMs: Int?

    /// The name of the first header whose name or value holds a control character (C0 but the tab, or DEL),
    /// which would end the header line early on the wire; nil when every header is fit to send.
    public var unsafeHeader: String? {
        let control = { (b: UInt8) in (b < 0x20 && b != 0x09) || b == 0x7f }
        for (name, value) in headers where name.utf8.contains(where: control) || value.utf8.contains(where: control) {
            return name.utf8.contains(where: control) ? "(unprintable name)" : name
        }
        return nil
    }

    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                timeoutMs: Int? = nil, connectTimeoutMs: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutMs = timeoutMs
        self.connectTimeoutMs = connectTimeoutMs
    }
}

/// An HTTP answer: status, headers (names lowercased) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The largest answer body lwexec reads: 16 MiB. No real answer comes near it — the largest,
    /// a `BatchGetSecretValue` page, holds 20 values of at most 64 KiB, ~8 MiB even with every byte
    /// JSON-escaped — and past it an endless answer would grow lwexec without bound.
    public static let maxBodyBytes = 16 << 20
    /// The most header bytes lwexec reads from one answer: 256 KiB.
    public static let maxHeaderBytes = 256 << 10

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this (case-insensitive) name.
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }
}

/// Why a request got no HTTP answer at all.
public struct HTTPError: Error, Sendable {
    public enum Kind: Sendable {
        /// libcurl could not be loaded.
        case unavailable
        /// DNS, connect, TLS, reset, or a timeout: worth a retry.
        case transport
        /// The request took longer than the timeout.
        case timeout
        /// The answer was larger than `HTTPResponse.maxBodyBytes` (or its headers than `maxHeaderBytes`): not retried.
        case tooLarge
        /// The request was not sent: a header holds a control character (`HTTPRequest.unsafeHeader`).
        case unsafeRequest
    }

    public var kind: Kind
    public var message: String
    public var url: String

    public init(kind: Kind, message: String, url: String) {
        self.kind = kind
        self.message = message
        self.url = url
    }
}

/// Timeouts and TLS settings for a transport.
public struct HTTPOptions: Sendable {
    /// Milliseconds allowed to establish a connection.
    public var connectTimeoutMs: Int = 3_000
    /// Milliseconds allowed for a whole request.
    public var requestTimeoutMs: Int = 10_000
    /// A PEM bundle to trust instead of the system store (`AWS_CA_BUNDLE`).
    public var caBundle: String?
    /// Whether libcurl may use the proxy the environment names (`https_proxy`, `http_proxy`, `ALL_PROXY`,
    /// `NO_PROXY`). False for the container-credentials and instance-metadata endpoints: their token and
    /// the credentials they answer must never pass through a proxy (botocore never proxies them either).
    public var proxyFromEnvironment: Bool

    public init(connectTimeoutMs: Int = 3_000, requestTimeoutMs: Int = 10_000, caBundle: String? = nil,
                proxyFromEnvironment: Bool = true) {
        self.connectTimeoutMs = connectTimeoutMs
        self.requestTimeoutMs = requestTimeoutMs
        self.caBundle = caBundle
        self.proxyFromEnvironment = proxyFromEnvironment
    }
}
