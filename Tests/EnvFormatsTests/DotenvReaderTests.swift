import Testing
@testable import EnvFormats

@Suite struct DotenvReaderTests {
    @Test func typicalFile() throws {
        let text = """
        # comment
        export STRIPE_API_KEY=sk_test_123   # inline comment
        DATABASE_PASSWORD = 'p@ss#word'
        JWT="a\\nb \\"c\\""
        MULTI='line1
        line2'
        URL=http://x/#frag
        EMPTY=
        DUP=1
        DUP=2

        """
        let e = try DotenvReader.parse(text)
        #expect(e.map(\.0) == ["STRIPE_API_KEY", "DATABASE_PASSWORD", "JWT", "MULTI", "URL", "EMPTY", "DUP"])
        let d = Dictionary(uniqueKeysWithValues: e)
        #expect(d["STRIPE_API_KEY"] == "sk_test_123")
        #expect(d["DATABASE_PASSWORD"] == "p@ss#word")
        #expect(d["JWT"] == "a\nb \"c\"")
        #expect(d["MULTI"] == "line1\nline2")
        #expect(d["URL"] == "http://x/#frag")
        #expect(d["EMPTY"] == "")
        #expect(d["DUP"] == "2")
    }

    @Test func crlfFiles() throws {
        #expect(try DotenvReader.parse("A=1\r\nB='x'\r\n").map(\.1) == ["1", "x"])
    }

    @Test func errorsNameTheLine() {
        #expect(throws: DotenvReader.ParseError(line: 2, reason: "unterminated quoted value")) {
            try DotenvReader.parse("A=1\nB='open\n")
        }
        #expect(throws: DotenvReader.ParseError(line: 1, reason: "expected = after NOVALUE")) {
            try DotenvReader.parse("NOVALUE\n")
        }
        #expect(throws: DotenvReader.ParseError(line: 1, reason: "unexpected text after the closing quote")) {
            try DotenvReader.parse("A='x' y\n")
        }
        // Found by fuzzing (fuzz/regressions/dotenv-*): `export ` at the very end was an index out of range.
        #expect(throws: DotenvReader.ParseError(line: 2, reason: "expected a variable name")) {
            try DotenvReader.parse("A=1\nexport ")
        }
    }
}
