/// One parsed AWS INI file (`~/.aws/config` or `~/.aws/credentials`).
///
/// Follows botocore's reading: `[section]` headers, `key = value` lines, full-line
/// comments with `#` or `;`, and indented sub-keys under a key with an empty value
/// (stored as `key.subkey`, as `[services x]` sections need).
public struct ConfigFile: Sendable, Equatable {
    /// Section name (as written between the brackets, trimmed) to its keys.
    public var sections: [String: [String: String]]

    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    /// Parses the text of a config or credentials file.
    public init(parsing text: String) {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parentKey: String?
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if line.last == "\r" { line = line.dropLast() }
            let indented = line.first == " " || line.first == "\t"
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.first == "#" || trimmed.first == ";" { continue }
            if !indented, trimmed.first == "[" {
                guard let close = trimmed.lastIndex(of: "]") else { current = nil; continue }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close].trimmingSpaces()
                current = String(name)
                parentKey = nil
                if sections[String(name)] == nil { sections[String(name)] = [:] }
                continue
            }
            guard let section = current, let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingSpaces().lowercased()
            let value = String(trimmed[trimmed.index(after: eq)...].trimmingSpaces())
            if indented, let parent = parentKey {
                sections[section]![parent + "." + key] = value
            } else {
                sections[section]![key] = value
                parentKey = value.isEmpty ? key : nil
            }
        }
        self.sections = sections
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
