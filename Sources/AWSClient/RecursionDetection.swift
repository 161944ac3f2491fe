/// The SDKs' recursion detection for AWS Lambda: inside a function (`AWS_LAMBDA_FUNCTION_NAME`) with
/// an X-Ray trace (`_X_AMZN_TRACE_ID`), every AWS call carries `X-Amzn-Trace-Id`, so that Lambda can
/// stop a function that ends up invoking itself through other services.
public enum RecursionDetection {
    /// The header to add, or nil outside Lambda or without a trace id.
    public static func header(_ env: ProcessEnvironment) -> (name: String, value: String)? {
        guard env["AWS_LAMBDA_FUNCTION_NAME"] != nil, let trace = env["_X_AMZN_TRACE_ID"] else { return nil }
        return ("X-Amzn-Trace-Id", encode(trace))
    }

    /// Percent-encodes what an HTTP header value may not hold (controls and non-ASCII), as the SDKs do;
    /// the usual `Root=1-...;Parent=...;Sampled=1` passes unchanged.
    static func encode(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in value.utf8 {
            if b < 0x20 || b >= 0x7f || b == 0x25 {
                out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0xf)]]
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
