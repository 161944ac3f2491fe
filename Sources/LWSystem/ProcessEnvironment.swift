import Glibc

/// The process environment as read once at start-up, passed down so rules stay testable.
public struct ProcessEnvironment: Sendable {
    /// The variables in their original order exactly as `environ` holds them: for passing to a child
    /// byte for byte (a name or value need not be UTF-8). Nothing else is kept: a warm start reads a
    /// few dozen names and decodes only the values it looks up.
    public let raw: [(name: [UInt8], value: [UInt8])]

    public init(_ variables: [(String, String)]) {
        self.raw = variables.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }

    /// The environment from exact bytes.
    public init(raw: [(name: [UInt8], value: [UInt8])]) {
        self.raw = raw
    }

    /// The variables in order, decoded as UTF-8 (invalid bytes replaced): for reading settings.
    public var ordered: [(String, String)] {
        raw.map { (String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self)) }
    }

    /// The variables by name (the first of duplicates wins, as getenv finds it).
    public var variables: [String: String] {
        var dict: [String: String] = [:]
        for (k, v) in ordered where dict[k] == nil { dict[k] = v }
        return dict
    }

    /// The value of `name` as set, even empty; the first of duplicates, as getenv finds it.
    ///
    /// A linear search comparing bytes, as getenv does: a warm start looks up a few dozen names once
    /// each, which costs less than hashing every variable into a dictionary.
    public func value(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { n in
            for entry in raw where entry.name.count == n.count && entry.name.elementsEqual(n) {
                return String(decoding: entry.value, as: UTF8.self)
            }
            return nil
        }
    }

    /// Reads `environ`.
    public static func current() -> ProcessEnvironment {
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        var p = environ
        // Split at the first `=` byte: comparing Characters is measurably slower (docs/benchmarks.md).
        while let entry = p.pointee {
            if let eq = strchr(entry, 0x3D) {
                let name = UnsafeRawBufferPointer(start: entry, count: entry.distance(to: eq))
                let value = UnsafeRawBufferPointer(start: eq + 1, count: strlen(eq + 1))
                pairs.append((Array(name), Array(value)))
            }
            p += 1
        }
        return ProcessEnvironment(raw: pairs)
    }

    /// The value of `name` when it is set and not empty, as the AWS CLI treats its variables.
    public subscript(name: String) -> String? {
        guard let v = value(name), !v.isEmpty else { return nil }
        return v
    }

    /// The user's home directory: `HOME`, else the password database.
    public var home: String {
        if let h = self["HOME"] { return h }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }

    /// Expands a leading `~/` the way the AWS CLI does for file paths.
    public func expandTilde(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + String(path.dropFirst(1)) }
        return path
    }
}
