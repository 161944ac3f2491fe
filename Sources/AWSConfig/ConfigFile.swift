/// One parsed AWS shared file (`~/.aws/config` or `~/.aws/credentials`), read as the AWS SDKs read it.
///
/// The grammar is the SDKs' (the AWS SDKs and Tools Reference Guide, and the cross-SDK cases in
/// `Tests/AWSConfigTests/Fixtures/profile-parser/`), checked line by line:
/// - `[prefix name]` or `[name]` starts a section; whitespace (spaces, tabs) around and between the
///   parts is ignored, and `#` or `;` anywhere in the line starts a comment. A section whose name is
///   not an identifier (`[A-Za-z0-9_\-/.%@:+]+`) is ignored, its lines still checked.
/// - `name = value` sets a property (the name lowercased, both trimmed); `#` or `;` after a blank
///   starts a comment, one right after a character is part of the value. A property whose name is not
///   an identifier is ignored.
/// - An indented line continues the property above it: the value gains `"\n"` and the trimmed line
///   (comments included). Under a property with an empty value the indented lines are sub-properties
///   and must read `name = value` (the SDKs' `s3 =`, `[services x]` blocks).
/// - Blank lines and lines starting with `#` or `;` are skipped. So are indented lines starting with
///   `#` or `;` (as the AWS CLI reads them; the SDKs' parsers would make them part of a value).
///
/// Anything else — an unclosed `[`, a property before any section, a line without `=`, an empty name,
/// an indented line where no property continues — fails the whole file with its path and line: lwexec
/// never runs with what it read before the bad line.
///
/// Which sections are profiles depends on the file and is decided in `SharedConfig`: here each is
/// keyed by its prefix and name joined by one space (`profile dev`, `sso-session corp`, `default`).
/// Sections with any other prefix (`[services local]`) hold their sub-properties only, flattened to
/// `property.subproperty` keys (`secrets_manager.endpoint_url`), as the SDKs read them.
public struct ConfigFile: Sendable, Equatable {
    /// Section key (`profile dev`, `default`, `sso-session corp`, `services local`) to its properties.
    public var sections: [String: [String: String]]

    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    /// Parses a file's bytes; `path` is named in the error of a malformed line.
    public init(parsing bytes: [UInt8], path: String) throws(AWSError) {
        var parser = ConfigFileParser()
        let failure = bytes.withUnsafeBufferPointer { parser.parse($0) }
        if let failure { throw failure.error(path: path) }
        sections = parser.finish()
    }

    /// Parses text; `path` is named in the error of a malformed line.
    public init(parsing text: String, path: String) throws(AWSError) {
        var parser = ConfigFileParser()
        var text = text
        let failure = text.withUTF8 { parser.parse($0) }
        if let failure { throw failure.error(path: path) }
        sections = parser.finish()
    }

    /// Parses text known to be well formed (tests); traps on a malformed line.
    init(parsing text: String) {
        do { try self.init(parsing: text, path: "<text>") } catch { preconditionFailure("\(error.message)") }
    }
}

/// A malformed line: which, what is wrong with it (the SDKs' wording) and what to do.
struct ConfigFileFailure {
    var line: Int
    var message: String
    var hint: String

    func error(path: String) -> AWSError {
        AWSError(.configuration, "\(path) line \(line): \(message)", hint: hint)
    }
}

/// The line-by-line reader behind `ConfigFile`, over bytes: strings are made only for the names and
/// values it keeps.
struct ConfigFileParser {
    private var sections: [String: [String: String]] = [:]
    /// Whether a section header has been read (lines before the first one can hold nothing).
    private var inSection = false
    /// The key of the current section; nil when its name is invalid and it is being ignored.
    private var sectionKey: String?
    /// The current section's properties, taken out of `sections` while it is read (no copy on write).
    private var properties: [String: String] = [:]
    /// Whether a property has been read in the current section (an indented line may follow it).
    private var inProperty = false
    /// The key the current property is kept under; nil when it is ignored (invalid name or section).
    private var propertyKey: String?
    /// Whether the current property's value was empty: its indented lines are then sub-properties.
    private var propertyHasSubProperties = false

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Reads every line; the first malformed one stops it.
    mutating func parse(_ b: Bytes) -> ConfigFileFailure? {
        var start = 0, number = 0
        let n = b.count
        while start < n {
            var end = start
            while end < n && b[end] != 0x0A { end += 1 }
            number += 1
            // Lines end at "\n", and a "\r" before it goes too (Windows files).
            let hi = end > start && b[end - 1] == 0x0D ? end - 1 : end
            if let failure = line(b, start, hi, number) { return failure }
            start = end + 1
        }
        return nil
    }

    /// The sections read, with non-profile sections' properties turned into their sub-properties.
    mutating func finish() -> [String: [String: String]] {
        closeSection()
        for (key, props) in sections where Self.holdsSubPropertiesOnly(key) {
            sections[key] = Self.subProperties(props)
        }
        return sections
    }

    // MARK: - Lines

    private mutating func line(_ b: Bytes, _ lo: Int, _ hi: Int, _ number: Int) -> ConfigFileFailure? {
        let (tlo, thi) = trim(b, lo, hi)
        if tlo == thi { return nil }  // blank
        switch b[lo] {
        case UInt8(ascii: "#"), UInt8(ascii: ";"):
            return nil
        case UInt8(ascii: "["):
            return header(b, tlo, thi, number)
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            if b[tlo] == UInt8(ascii: "#") || b[tlo] == UInt8(ascii: ";") { return nil }  // an indented comment
            return continuation(b, tlo, thi, number)
        default:
            return property(b, tlo, thi, number)
        }
    }

    /// `[prefix name]` or `[name]`, then an optional comment.
    private mutating func header(_ b: Bytes, _ lo: Int, _ hi: Int, _ number: Int) -> ConfigFileFailure? {
        var end = hi
        for i in lo..<hi where b[i] == UInt8(ascii: "#") || b[i] == UInt8(ascii: ";") {
            end = i
            break
        }
        (_, end) = trim(b, lo, end)
        guard end - lo >= 2, b[end - 1] == UInt8(ascii: "]") else {
            return ConfigFileFailure(line: number, message: "Profile definition must end with ']'",
                                     hint: "close the section header, as in [profile name] (a # or ; in it starts a comment)")
        }
        let (ilo, ihi) = trim(b, lo + 1, end - 1)
        var split = ilo
        while split < ihi && !isBlank(b[split]) { split += 1 }
        closeSection()
        inSection = true
        inProperty = false
        propertyKey = nil
        let key: String?
        if split == ihi {
            key = isIdentifier(b, ilo, ihi) ? string(b, ilo, ihi) : nil
        } else {
            let (nlo, nhi) = trimWhitespace(b, split, ihi)
            key = isIdentifier(b, nlo, nhi) ? string(b, ilo, split) + " " + string(b, nlo, nhi) : nil
        }
        sectionKey = key
        if let key { properties = sections.removeValue(forKey: key) ?? [:] }
        return nil
    }

    /// `name = value`, then an optional comment after a blank.
    private mutating func property(_ b: Bytes, _ lo: Int, _ hi: Int, _ number: Int) -> ConfigFileFailure? {
        guard inSection else {
            return ConfigFileFailure(line: number, message: "Expected a profile definition before this property",
                                     hint: "put a [default] or [profile name] line above it")
        }
        let parsed = splitProperty(b, lo, hi)
        guard case .ok(let klo, let khi, let vlo, let vhi) = parsed else {
            return parsed.failure(number, what: "property")
        }
        inProperty = true
        propertyHasSubProperties = vlo == vhi
        guard sectionKey != nil, isIdentifier(b, klo, khi) else {
            propertyKey = nil
            return nil
        }
        let key = lowercasedString(b, klo, khi)
        properties[key] = string(b, vlo, vhi)
        propertyKey = key
        return nil
    }

    /// An indented line: more of the property above it, or one of its sub-properties.
    private mutating func continuation(_ b: Bytes, _ lo: Int, _ hi: Int, _ number: Int) -> ConfigFileFailure? {
        guard inSection else {
            return ConfigFileFailure(line: number, message: "Expected a profile definition before this indented line",
                                     hint: "remove its leading blanks, and put a [default] or [profile name] line above it")
        }
        guard inProperty else {
            return ConfigFileFailure(line: number, message: "Expected a property definition, found continuation (an indented line right after a section header)",
                                     hint: "remove the line's leading blanks: only a line that continues the property above it may be indented")
        }
        if propertyHasSubProperties {
            let parsed = splitProperty(b, lo, hi)
            if case .ok = parsed {} else { return parsed.failure(number, what: "sub-property") }
        }
        if let key = propertyKey {
            properties[key, default: ""].append("\n")
            properties[key, default: ""].append(string(b, lo, hi))
        }
        return nil
    }

    private mutating func closeSection() {
        if let key = sectionKey { sections[key] = properties }
        sectionKey = nil
        properties = [:]
    }

    // MARK: - Properties

    private enum Split {
        case ok(Int, Int, Int, Int)
        case noEquals, noName

        func failure(_ number: Int, what: String) -> ConfigFileFailure {
            let example = what == "property" ? "name = value" : "an indented name = value under `name =`"
            switch self {
            case .noName:
                return ConfigFileFailure(line: number, message: (what == "property" ? "Property" : "Sub-property") + " did not have a name",
                                         hint: "write it as \(example)")
            default:
                return ConfigFileFailure(line: number, message: "Expected an '=' sign defining a \(what)",
                                         hint: "write it as \(example), or start the line with # to make it a comment")
            }
        }
    }

    /// The name and value of a trimmed `name = value` line, the trailing comment cut off.
    private func splitProperty(_ b: Bytes, _ lo: Int, _ hi: Int) -> Split {
        var end = hi
        var i = lo
        while i < hi {
            let c = b[i]
            if (c == UInt8(ascii: "#") || c == UInt8(ascii: ";")) && precededByWhitespace(b, lo, i) {
                end = i
                break
            }
            i += 1
        }
        (_, end) = trim(b, lo, end)
        guard let eq = (lo..<end).first(where: { b[$0] == UInt8(ascii: "=") }) else { return .noEquals }
        let (klo, khi) = trim(b, lo, eq)
        if klo == khi { return .noName }
        let (vlo, vhi) = trim(b, eq + 1, end)
        return .ok(klo, khi, vlo, vhi)
    }

    /// Sections whose prefix is neither `profile` nor `sso-session` (`[services x]`).
    private static func holdsSubPropertiesOnly(_ key: String) -> Bool {
        guard let space = key.utf8.firstIndex(of: UInt8(ascii: " ")) else { return false }
        let prefix = key.utf8[..<space]
        return !prefix.elementsEqual("profile".utf8) && !prefix.elementsEqual("sso-session".utf8)
    }

    /// `name.sub` to value for every `sub = value` line of every property's continuation.
    private static func subProperties(_ props: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in props {
            var value = value
            value.withUTF8 { b in
                var start = 0
                while start < b.count, b[start] != 0x0A { start += 1 }  // the value on the property's own line
                while start < b.count {
                    let lo = start + 1
                    var hi = lo
                    while hi < b.count && b[hi] != 0x0A { hi += 1 }
                    start = hi
                    guard let eq = (lo..<hi).first(where: { b[$0] == UInt8(ascii: "=") }) else { continue }
                    let (klo, khi) = trim(b, lo, eq)
                    guard isIdentifier(b, klo, khi) else { continue }
                    let (vlo, vhi) = trim(b, eq + 1, hi)
                    out[name + "." + lowercasedString(b, klo, khi)] = string(b, vlo, vhi)
                }
            }
        }
        return out
    }
}

// MARK: - Bytes

private func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

/// The range without leading and trailing spaces and tabs (the only blanks the format knows).
private func trim(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
    var lo = lo, hi = hi
    while lo < hi && isBlank(b[lo]) { lo += 1 }
    while hi > lo && isBlank(b[hi - 1]) { hi -= 1 }
    return (lo, hi)
}

/// The range without leading and trailing ASCII whitespace (a section name, trimmed as the SDKs do).
private func trimWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
    func ws(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0D).contains(c) }
    var lo = lo, hi = hi
    while lo < hi && ws(b[lo]) { lo += 1 }
    while hi > lo && ws(b[hi - 1]) { hi -= 1 }
    return (lo, hi)
}

/// Whether the character before `i` is whitespace (Unicode's, as the SDKs test it: a comment in a
/// property line must follow one).
private func precededByWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ i: Int) -> Bool {
    guard i > lo else { return false }
    let c = b[i - 1]
    if c < 0x80 { return c == 0x20 || (0x09...0x0D).contains(c) }
    // U+0085, U+00A0 (2 bytes); U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000 (3 bytes).
    if i - lo >= 2, b[i - 2] == 0xC2 { return c == 0x85 || c == 0xA0 }
    guard i - lo >= 3 else { return false }
    switch (b[i - 3], b[i - 2], c) {
    case (0xE1, 0x9A, 0x80), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): return true
    case (0xE2, 0x80, let x): return (0x80...0x8A).contains(x) || x == 0xA8 || x == 0xA9 || x == 0xAF
    default: return false
    }
}

/// Whether the range is a non-empty identifier: `[A-Za-z0-9_\-/.%@:+]+`.
private func isIdentifier(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
    guard lo < hi else { return false }
    for i in lo..<hi {
        switch b[i] {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "%"),
             UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: "+"):
            continue
        default:
            return false
        }
    }
    return true
}

private func string(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
}

/// The range as a string with ASCII capitals lowercased (names are ASCII identifiers).
private func lowercasedString(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
    guard (lo..<hi).contains(where: { (0x41...0x5A).contains(b[$0]) }) else { return string(b, lo, hi) }
    return String(unsafeUninitializedCapacity: hi - lo) { out in
        for i in lo..<hi {
            let c = b[i]
            out[i - lo] = (0x41...0x5A).contains(c) ? c | 0x20 : c
        }
        return hi - lo
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    package func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
