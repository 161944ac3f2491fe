#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AWSSigV4

/// The vendored aws4_testsuite, found next to this file through #filePath (no Foundation needed).
enum SuiteFixtures {
    static let root: String = {
        let file = #filePath
        let dir = file[..<(file.lastIndex(of: "/") ?? file.endIndex)]
        return dir + "/Fixtures/aws4_testsuite"
    }()

    /// Cases the suite's README says the SDKs skip.
    static let skipped: Set<String> = [
        "normalize-path/get-space",
        "get-vanilla-query-order-key",
        "get-vanilla-query-order-key-case",
        "get-vanilla-query-order-value",
    ]

    /// Every case folder (one holding `<name>.req`), as a path relative to `root`, nested ones included.
    static let allCases: [String] = walk("").sorted()

    /// The cases the suite test runs.
    static let cases: [String] = allCases.filter { !skipped.contains($0) }

    private static func walk(_ relative: String) -> [String] {
        var found: [String] = []
        for name in subdirectories(of: relative.isEmpty ? root : root + "/" + relative) {
            let rel = relative.isEmpty ? name : relative + "/" + name
            found += read(rel + "/" + name + ".req") != nil ? [rel] : walk(rel)
        }
        return found
    }

    private static func subdirectories(of path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            var st = stat()
            if name != ".", name != "..", stat(path + "/" + name, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
                names.append(name)
            }
        }
        return names
    }

    /// The bytes of a file under `root`, or nil when it cannot be opened.
    static func read(_ relative: String) -> [UInt8]? {
        guard let f = fopen(root + "/" + relative, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    static func text(_ relative: String) -> String? {
        read(relative).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One suite case: the parsed `.req`, its expected outputs, and the session token it implies.
struct SuiteCase {
    var request: SignableRequest
    var creq: String
    var sts: String
    var authz: String
    var sessionToken: String?

    init?(_ relative: String) {
        let name = String(relative.split(separator: "/").last!)
        let base = relative + "/" + name
        guard let req = SuiteFixtures.read(base + ".req"), let request = Self.parseRequest(req),
              let creq = SuiteFixtures.text(base + ".creq"), let sts = SuiteFixtures.text(base + ".sts"),
              let authz = SuiteFixtures.text(base + ".authz") else { return nil }
        self.request = request
        self.creq = creq
        self.sts = sts
        self.authz = authz
        // Per the README: the token is the x-amz-security-token line of the .creq, or of the .req where present.
        let prefix = "x-amz-security-token:"
        sessionToken = creq.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            ?? request.header("x-amz-security-token")
    }

    /// Parses `METHOD TARGET HTTP/1.1`, header lines (a line starting with whitespace continues the previous
    /// value, kept with its line break for the signer to fold), a blank line, then the body.
    static func parseRequest(_ bytes: [UInt8]) -> SignableRequest? {
        var headEnd = bytes.count
        var body: [UInt8] = []
        if let i = (0..<max(bytes.count - 1, 0)).first(where: { bytes[$0] == 0x0a && bytes[$0 + 1] == 0x0a }) {
            headEnd = i
            body = Array(bytes[(i + 2)...])
        }
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { return nil }
        let words = lines.removeFirst().split(separator: " ")
        guard words.count >= 3 else { return nil }
        let target = words[1..<(words.count - 1)].joined(separator: " ")
        let q = target.firstIndex(of: "?")
        var req = SignableRequest(method: String(words[0]),
                                  path: String(target[..<(q ?? target.endIndex)]),
                                  query: q.map { String(target[target.index(after: $0)...]) } ?? "",
                                  body: body)
        for line in lines {
            if line.first == " " || line.first == "\t", !req.headers.isEmpty {
                req.headers[req.headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                req.headers.append((name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
            } else {
                return nil
            }
        }
        return req
    }
}
