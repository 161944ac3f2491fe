/// What may go into an HTTP header: no control character (C0 but the tab, and DEL).
///
/// A line break in a header value ends the header: a session token `tok\r\nX-Injected: yes` would put a
/// header of the value's choosing on the wire (botocore refuses such a request). Every value lwexec puts
/// into a header is checked where it enters, naming its source; `HTTPClient` refuses whatever gets past.
public enum HeaderSafety {
    /// The first control character of `value`, as `U+000D`, or nil when it is fit for a header.
    public static func firstControl(in value: String) -> String? {
        for b in value.utf8 where (b < 0x20 && b != 0x09) || b == 0x7f {
            let hex = Array("0123456789ABCDEF".utf8)
            return "U+00" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 0xf)]], as: UTF8.self)
        }
        return nil
    }

    /// Throws when `value` holds a control character: `what` names the value ("the session token"),
    /// `source` where it came from. The value itself is never in the message.
    public static func check(_ value: String, _ what: String, from source: String) throws(AWSError) {
        guard let c = firstControl(in: value) else { return }
        throw AWSError(.configuration,
                       "\(what) from \(source) contains a control character (\(c)); it cannot go into a request header, so nothing was sent",
                       hint: "fix the value where it is set (a line break pasted with it, or a continuation line in a file?)")
    }
}

extension Credentials {
    /// These credentials, once their header-bound parts (the access key id, which goes into
    /// `Authorization`, and the session token, sent as `X-Amz-Security-Token`) hold no control character.
    /// The secret key never goes into a header, but a control character there is as sure a sign of a
    /// broken value, and it is checked too.
    public func checkedForHeaders() throws(AWSError) -> Credentials {
        try HeaderSafety.check(accessKeyID, "the access key id", from: source)
        try HeaderSafety.check(secretAccessKey, "the secret access key", from: source)
        if let t = sessionToken { try HeaderSafety.check(t, "the session token", from: source) }
        return self
    }
}
