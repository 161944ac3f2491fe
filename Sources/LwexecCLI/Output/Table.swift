/// A plain-text table for people: a header row, columns padded to their widest cell, two spaces between.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    /// The table as lines; the header is bold when colour is on. Widths count characters, not bytes.
    func render(_ style: Style) -> String {
        var widths = headers.map(Self.width)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.width(c)) } }
        func line(_ cells: [String], _ decorate: (String) -> String) -> String {
            var out = ""
            for (i, c) in cells.enumerated() {
                let last = i == cells.count - 1
                out += decorate(c) + (last ? "" : String(repeating: " ", count: widths[i] - Self.width(c) + 2))
            }
            return out + "\n"
        }
        return line(headers, style.bold) + rows.map { line($0, { $0 }) }.joined()
    }

    /// Characters a cell shows: ANSI styling (`ESC [ … m`) takes no room.
    static func width(_ s: String) -> Int {
        var n = 0, inEscape = false
        for c in s {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1b}" { inEscape = true; continue }
            n += 1
        }
        return n
    }
}
