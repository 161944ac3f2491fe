import LWCrypto
import LWEncoding

extension SigV4 {
    /// Hex SHA-256 of an empty body, the payload hash of every bodiless request.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Lowercase hex SHA-256 of `body`, the last line of the canonical request.
    public static func payloadHash(_ body: [UInt8]) -> String {
        body.isEmpty ? emptyPayloadHash : Encoding.hex(Digest.sha256(body))
    }

    /// The canonical URI of a path as sent: each segment URI-encoded, so `%XX` already on the wire is encoded again.
    ///
    /// With `normalize` (every service but S3) `.`/`..` segments and empty segments are removed, keeping a trailing
    /// slash; with `normalize: false` (S3) segments are kept as sent and encoded only once (`%XX` decoded first).
    public static func canonicalURI(_ path: String, normalize: Bool = true) -> String {
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard normalize else {
            let joined = raw.map { uriEncode(bytes: percentDecode($0)) }.joined(separator: "/")
            return joined.hasPrefix("/") ? joined : "/" + joined
        }
        var segments: [String] = []
        for segment in raw {
            switch segment {
            case "", ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return "/" }
        let last = raw.last ?? ""
        let trailingSlash = last == "" || last == "." || last == ".."
        return "/" + segments.map(uriEncode).joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// The canonical query string: each key and value `%XX`-decoded then URI-encoded, sorted by key then value.
    ///
    /// A key without `=` gets an empty value; empty `&&` items are dropped; `+` is a literal plus, not a space.
    public static func canonicalQuery(_ query: String) -> String {
        let pairs: [(key: String, value: String)] = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? String(parts[1]) : ""
            return (uriEncode(bytes: percentDecode(String(parts[0]))), uriEncode(bytes: percentDecode(value)))
        }
        return pairs.sorted { a, b in
            a.key != b.key ? precedes(a.key, b.key) : precedes(a.value, b.value)
        }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
    }

    /// The canonical header block (`name:value\n` per header, sorted) and the `;`-joined signed header names.
    ///
    /// Names are lowercased; values trimmed with whitespace runs (folded line breaks too) collapsed to one space;
    /// repeated names are joined with commas in their original order. Every header given is signed.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            values[collapseWhitespace(name).lowercased(), default: []].append(collapseWhitespace(value))
        }
        let names = values.keys.sorted(by: precedes)
        let canonical = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    /// The canonical request: method, URI, query, headers, signed header names and payload hash, one per line.
    public static func canonicalRequest(_ req: SignableRequest, payloadHash: String, normalizePath: Bool = true) -> String {
        let headers = canonicalHeaders(req.headers)
        return [req.method, canonicalURI(req.path, normalize: normalizePath), canonicalQuery(req.query),
                headers.canonical, headers.signed, payloadHash].joined(separator: "\n")
    }

    /// Trims and collapses runs of spaces, tabs, CR and LF into single spaces.
    static func collapseWhitespace(_ text: String) -> String {
        var out = [UInt8]()
        var pendingSpace = false
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte-wise ordering, which SigV4 requires (String's `<` is Unicode-aware).
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
