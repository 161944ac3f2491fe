import AWSHTTP

/// Turns an error answer into a code and a message, whatever shape the body has.
public enum ErrorDecoding {
    /// The code from `__type` (or `x-amzn-ErrorType`, or an XML `<Code>`) and the text from
    /// `message`/`Message` (or `<Message>`); falls back to the HTTP status.
    public static func decode(status: Int, headers: [(name: String, value: String)], body: [UInt8]) -> (code: String, message: String) {
        var code: String?, message: String?
        if let json = try? JSON.parse(body) {
            code = json["__type"]?.string ?? json["code"]?.string ?? json["Code"]?.string
            message = json["message"]?.string ?? json["Message"]?.string
        } else {
            let text = String(decoding: body, as: UTF8.self)
            code = xmlElement("Code", in: text)
            message = xmlElement("Message", in: text)
        }
        if code == nil, let h = headers.first(where: { $0.name == "x-amzn-errortype" }) { code = h.value }
        let clean = code.map(cleanCode) ?? ""
        return (clean.isEmpty ? "HTTP\(status)" : clean, message ?? "HTTP status \(status)")
    }

    /// Drops anything up to the last `#` and from the first `:` (`aws.protocoltests#Foo:http://...` → `Foo`).
    public static func cleanCode(_ raw: String) -> String {
        var s = Substring(raw)
        if let hash = s.lastIndex(of: "#") { s = s[s.index(after: hash)...] }
        if let colon = s.firstIndex(of: ":") { s = s[..<colon] }
        return s.trimmingWhitespace()
    }

    static func xmlElement(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text[open.upperBound...].range(of: "</\(name)>") else { return nil }
        return unescapeXML(String(text[open.upperBound..<close.lowerBound]))
    }

    /// Decodes the five predefined XML entities.
    public static func unescapeXML(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
            out = out.replacingAll(entity, with: char)
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        var out = "", rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
