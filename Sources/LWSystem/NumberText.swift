/// Numbers as people read them in messages.
public enum NumberText {
    /// `n` with a comma every three digits: 2,097,152 (sizes in bytes, where a digit miscounted is a factor of ten).
    public static func grouped(_ n: Int) -> String {
        let digits = Array("\(n.magnitude)".utf8)
        var out: [UInt8] = n < 0 ? [0x2D] : []
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(0x2C) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
