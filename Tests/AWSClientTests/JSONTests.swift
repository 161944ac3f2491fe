import Testing
@testable import AWSClient
@testable import AWSConfig

@Suite struct JSONTests {
    @Test func roundTripsHostileStrings() throws {
        for s in ["", "a\"b\\c", "line1\nline2\r\t", "\u{1}\u{1f}", "emoji 🔑 ü 中", "$HOME `x` 'q'"] {
            let parsed = try JSON.parse(JSON.quote(s))
            #expect(parsed == .string(s))
        }
    }

    @Test func escapesAndSurrogates() throws {
        #expect(try JSON.parse(#""\u00e9\ud83d\udd11\/""#) == .string("é🔑/"))
        #expect(try JSON.parse(#""\u0000""#) == .string("\0"))
    }

    @Test func numbersKeepTheirText() throws {
        let v = try JSON.parse(#"{"port": 5432, "ratio": 1.50, "big": 12345678901234567890}"#)
        #expect(v["port"]?.plainText == "5432")
        #expect(v["ratio"]?.plainText == "1.50")
        #expect(v["big"]?.plainText == "12345678901234567890")
    }

    @Test func numbersConvertCheckedNeverTrap() throws {
        #expect(try JSON.parse("30").int == 30)
        #expect(try JSON.parse("3.0e1").int == 30)
        #expect(try JSON.parse("1e300").int == nil)
        #expect(try JSON.parse("1e400").int == nil)
        #expect(try JSON.parse("1e400").double == nil, "infinity is not a number lwexec accepts")
        #expect(try JSON.parse("2.5").int == nil)
        #expect(try JSON.parse("-9223372036854775808").int == Int.min)
        #expect(try JSON.parse("9223372036854775808").int == nil)
        #expect(try JSON.parse("\"30\"").int == nil)
    }

    @Test func rejectsMalformedInput() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "nul", "\"\u{1}\"", "1 2", "{\"a\":1,}"] {
            #expect(throws: JSON.ParseError.self) { try JSON.parse(bad) }
        }
    }
}

@Suite struct LoggerEscapingTests {
    func escaped(_ s: String) -> String { String(decoding: Logger.escapingControls(Array(s.utf8)), as: UTF8.self) }

    @Test func controlCharactersAreShownNotSent() {
        #expect(escaped("plain text, ünïcode ✓") == "plain text, ünïcode ✓")
        #expect(escaped("a\u{1b}[31mb") == "a\\x1b[31mb")
        #expect(escaped("x\ny\tz\r") == "x\\ny\\tz\\r")
        #expect(escaped("\u{7f}\u{9b}\u{85}") == "\\x7f\\x9b\\x85")
        #expect(escaped("\u{a0}é") == "\u{a0}é", "U+00A0 and Latin-1 letters are not controls")
    }
}

@Suite struct RecursionDetectionTests {
    @Test func onlyInsideLambdaWithATrace() {
        let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
        #expect(RecursionDetection.header(ProcessEnvironment([("AWS_LAMBDA_FUNCTION_NAME", "f"), ("_X_AMZN_TRACE_ID", trace)]))?.value == trace)
        #expect(RecursionDetection.header(ProcessEnvironment([("_X_AMZN_TRACE_ID", trace)])) == nil)
        #expect(RecursionDetection.header(ProcessEnvironment([("AWS_LAMBDA_FUNCTION_NAME", "f")])) == nil)
    }

    @Test func encodesWhatAHeaderCannotHold() {
        #expect(RecursionDetection.encode("a\nb%c\u{e9}") == "a%0Ab%25c%C3%A9")
    }
}
