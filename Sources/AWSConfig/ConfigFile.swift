import Glibc

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
    /// The sections as read: all of them (`parsing`, `init(sections:)`), or the checked file and where
    /// each section starts (`indexing`), read one section at a time.
    private var storage: Storage

    private enum Storage: Sendable {
        case parsed([String: [String: String]])
        case indexed(ConfigFileIndex)
    }

    /// Section key (`profile dev`, `default`, `sso-session corp`, `services local`) to its properties.
    /// Every section of an indexed file is read here: a run that needs a few uses `section(_:)`.
    public var sections: [String: [String: String]] {
        get {
            switch storage {
            case .parsed(let sections): return sections
            case .indexed(let index): return index.allSections()
            }
        }
        set { storage = .parsed(newValue) }
    }

    public init(sections: [String: [String: String]] = [:]) {
        storage = .parsed(sections)
    }

    /// The properties of the section `key` (`sections[key]`): for an indexed file only that section's
    /// lines are read.
    public func section(_ key: String) -> [String: String]? {
        switch storage {
        case .parsed(let sections): return sections[key]
        case .indexed(let index): return index.section(key)
        }
    }

    /// Parses a file's bytes; `path` is named in the error of a malformed line.
    public init(parsing bytes: [UInt8], path: String) throws(AWSError) {
        var parser = ConfigFileParser()
        let failure = bytes.withUnsafeBufferPointer { parser.parse($0) }
        if let failure { throw failure.error(path: path) }
        storage = .parsed(parser.finish())
    }

    /// Checks every line of a file's bytes as `parsing` does (the same error for the same file) but
    /// keeps only where each section starts: a section's properties are read when `section(_:)` asks
    /// for them. What a warm start uses, whose cost then does not grow with the number of profiles
    /// (docs/benchmarks.md).
    public init(indexing bytes: [UInt8], path: String) throws(AWSError) {
        storage = .indexed(try ConfigFileIndex(bytes, path: path))
    }

    /// Parses text; `path` is named in the error of a malformed line.
    public init(parsing text: String, path: String) throws(AWSError) {
        var parser = ConfigFileParser()
        var text = text
        let failure = text.withUTF8 { parser.parse($0) }
        if let failure { throw failure.error(path: path) }
        storage = .parsed(parser.finish())
    }

    /// Parses text known to be well formed (tests); traps on a malformed line.
    init(parsing text: String) {
        do { try self.init(parsing: text, path: "<text>") } catch { preconditionFailure("\(error.message)") }
    }

    /// Whether the file was indexed rather than parsed whole (tests).
    var isIndexed: Bool {
        if case .indexed = storage { return true }
        return false
    }

    public static func == (a: ConfigFile, b: ConfigFile) -> Bool { a.sections == b.sections }
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
///
/// In `indexOnly` mode it keeps nothing: every line goes through the same checks (so the same file
/// fails at the same line with the same message), and each section header is recorded with where it
/// starts (`ConfigFileIndex`). Nothing but a header's own bytes and a property's name is looked at
/// there: values are skipped from their first character.
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
    /// Check and index only: no names or values kept.
    private let indexOnly: Bool
    /// The section headers read in `indexOnly` mode, in file order.
    private(set) var headers: [ConfigFileIndex.Header] = []

    typealias Bytes = UnsafeBufferPointer<UInt8>

    init(indexOnly: Bool = false) {
        self.indexOnly = indexOnly
    }

    /// Reads every line; the first malformed one stops it.
    mutating func parse(_ b: Bytes) -> ConfigFileFailure? {
        guard let base = b.baseAddress else { return nil }
        var start = 0, number = 0
        let n = b.count
        if indexOnly { headers.reserveCapacity(n / 64 + 8) }  // one header per 64 bytes at most, as generated files go
        while start < n {
            // memchr: the bulk of a large file is values, which only the line ends matter for.
            let end = memchr(base + start, 0x0A, n - start).map { UnsafeRawPointer(base).distance(to: $0) } ?? n
            number += 1
            // Lines end at "\n", and a "\r" before it goes too (Windows files).
            let hi = end > start && b[end - 1] == 0x0D ? end - 1 : end
            if !(indexOnly && quickLine(base, start, hi, n)) {
                if let failure = line(b, start, hi, number) { return failure }
            }
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

    // MARK: - Index mode: the common lines, checked in one pass

    /// Handles the lines a generated file is made of — blank, comment, `[prefix name]`, `name = value`
    /// in a section — leaving the state `line` would leave; false for any other line (and for any line
    /// that could fail), which `line` then reads. `n` is the buffer's size: 8 bytes at a time are read
    /// within it, never past it. (A shortcut only: the answers are `line`'s, tested on the SDKs' cases
    /// and random files in ConfigFileIndexTests.)
    @inline(__always)
    private mutating func quickLine(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, _ n: Int) -> Bool {
        if lo == hi { return true }
        switch p[lo] {
        case UInt8(ascii: "#"), UInt8(ascii: ";"):
            return true
        case UInt8(ascii: "["):
            return quickHeader(p, lo, hi, n)
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "="):
            return false
        default:
            // A non-blank first character: the name is not empty. Up to the first `=`, no `#` or `;`
            // at all (so no comment), and the value is empty when only blanks or a comment follow.
            guard inSection else { return false }
            var eq = lo + 1
            while true {
                if eq + 8 <= n {
                    let m = SWAR.equal(SWAR.load(p + eq), UInt8(ascii: "="), UInt8(ascii: "#"), UInt8(ascii: ";"), 0x0A)
                    if m == 0 { eq += 8; continue }
                    eq += m.trailingZeroBitCount >> 3
                } else {
                    while eq < hi && p[eq] != UInt8(ascii: "=") && p[eq] != UInt8(ascii: "#") && p[eq] != UInt8(ascii: ";") { eq += 1 }
                }
                break
            }
            guard eq < hi, p[eq] == UInt8(ascii: "=") else { return false }
            var first = eq + 1
            while first < hi && isBlank(p[first]) { first += 1 }
            inProperty = true  // (`propertyKey` is always nil in index mode)
            propertyHasSubProperties = first == hi
                || ((p[first] == UInt8(ascii: "#") || p[first] == UInt8(ascii: ";")) && isBlank(p[first - 1]))
            return true
        }
    }

    /// `[prefix name]` or `[name]` of printable ASCII without `[`, `]`, `#` or `;`, one run of blanks
    /// between, blanks after: indexed under the key `header` would give it (whether the name is an
    /// identifier is left to the section's own parse, which ignores it if not); false for any other
    /// header line.
    @inline(__always)
    private mutating func quickHeader(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, _ n: Int) -> Bool {
        guard let (prefixEnd, prefixHash) = SectionKeyHash.scan(p, lo + 1, n, seed: SectionKeyHash.prefixSeed),
              prefixEnd > lo + 1, prefixEnd < hi else { return false }
        var i = prefixEnd, hash = prefixHash
        if p[i] != UInt8(ascii: "]") {
            guard isBlank(p[i]) else { return false }
            while i < hi && isBlank(p[i]) { i += 1 }
            guard i < hi, let (nameEnd, keyHash) = SectionKeyHash.scan(p, i, n, seed: SectionKeyHash.nameSeed(prefixHash)),
                  nameEnd > i, nameEnd < hi, p[nameEnd] == UInt8(ascii: "]") else { return false }
            i = nameEnd
            hash = keyHash
        }
        i += 1
        while i < hi && isBlank(p[i]) { i += 1 }
        guard i == hi else { return false }
        // (`closeSection` has nothing to close in index mode: no section key or property is kept.)
        inSection = true
        inProperty = false
        propertyKey = nil
        headers.append(ConfigFileIndex.Header(kind: .key, hash: hash, start: lo))
        return true
    }

    /// `[prefix name]` or `[name]`, then an optional comment. (A header line starts with `[`: `lo` is
    /// also where the line starts, which the index records.)
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
        if indexOnly {
            headers.append(ConfigFileIndex.Header(b, ilo, split, ihi, start: lo))
            return nil
        }
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
        guard case .ok(let klo, let khi, let eq, let emptyValue) = parsed else {
            return parsed.failure(number, what: "property")
        }
        inProperty = true
        propertyHasSubProperties = emptyValue
        guard !indexOnly, sectionKey != nil, isIdentifier(b, klo, khi) else {
            propertyKey = nil
            return nil
        }
        let key = lowercasedString(b, klo, khi)
        let (vlo, vhi) = value(b, lo, eq, hi)
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
        /// The name's range, where the `=` is, and whether the value is empty.
        case ok(Int, Int, Int, Bool)
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

    /// The name of a trimmed `name = value` line, its `=`, and whether the value is empty once the
    /// trailing comment (`#` or `;` after whitespace) is cut off. A comment before the first `=` leaves
    /// the line without one; so the line is read only up to its first `=` or comment, and the value
    /// only as far as its first character.
    private func splitProperty(_ b: Bytes, _ lo: Int, _ hi: Int) -> Split {
        var eq = lo
        while eq < hi && b[eq] != UInt8(ascii: "=") {
            if isCommentStart(b, lo, eq) { return .noEquals }
            eq += 1
        }
        if eq == hi { return .noEquals }
        let (klo, khi) = trim(b, lo, eq)
        if klo == khi { return .noName }
        var first = eq + 1
        while first < hi && isBlank(b[first]) { first += 1 }
        return .ok(klo, khi, eq, first == hi || isCommentStart(b, lo, first))
    }

    /// The trimmed value after the `=` at `eq`, up to the trailing comment.
    private func value(_ b: Bytes, _ lo: Int, _ eq: Int, _ hi: Int) -> (Int, Int) {
        var end = eq + 1
        while end < hi && !isCommentStart(b, lo, end) { end += 1 }
        return trim(b, eq + 1, end)
    }

    /// Whether a comment starts at `i` of the line starting at `lo`: `#` or `;` after whitespace.
    private func isCommentStart(_ b: Bytes, _ lo: Int, _ i: Int) -> Bool {
        (b[i] == UInt8(ascii: "#") || b[i] == UInt8(ascii: ";")) && precededByWhitespace(b, lo, i)
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

@inline(__always)
func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

/// The range without leading and trailing spaces and tabs (the only blanks the format knows).
func trim(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
    var lo = lo, hi = hi
    while lo < hi && isBlank(b[lo]) { lo += 1 }
    while hi > lo && isBlank(b[hi - 1]) { hi -= 1 }
    return (lo, hi)
}

/// The range without leading and trailing ASCII whitespace (a section name, trimmed as the SDKs do).
func trimWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
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
func isIdentifier(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
    guard lo < hi else { return false }
    for i in lo..<hi where !isIdentifierByte(b[i]) { return false }
    return true
}

/// `[A-Za-z0-9_\-/.%@:+]`
@inline(__always)
func isIdentifierByte(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "%"),
         UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: "+"):
        return true
    default:
        return false
    }
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
