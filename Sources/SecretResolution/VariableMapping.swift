/// How secret names become environment variable names.
public enum VariableMapping {
    /// Uppercases and turns every character outside `[A-Za-z0-9_]` into `_` (`/` included, for recursive names).
    public static func variableName(for relative: Substring, envPrefix: String = "") -> String {
        var out = envPrefix
        for ch in relative.uppercased() {
            if ch.isASCII, let a = ch.asciiValue, isNameByte(a) { out.append(ch) } else { out.append("_") }
        }
        return out
    }

    /// The variable a key of an expanded JSON object goes into: `DATABASE` + `username` → `DATABASE_USERNAME`.
    public static func expandedName(base: String, key: String) -> String {
        base + "_" + variableName(for: Substring(key))
    }

    /// A POSIX-portable variable name: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy(isNameByte)
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5a).contains(b) || (0x61...0x7a).contains(b) || b == 0x5f
    }
}
