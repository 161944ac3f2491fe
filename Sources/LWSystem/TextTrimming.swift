extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CRs and LFs.
    ///
    /// Works on Unicode scalars: as Characters, "\r\n" is one grapheme, so a Character set
    /// holding "\r" and "\n" would miss a lone "\n".
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\t" || u == "\r" || u == "\n" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
