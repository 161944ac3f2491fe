import Testing
@testable import EnvFormats

/// Values that break naive writers.
let hostile: [(String, String)] = [
    ("NEWLINES", "line one\nline two\r\nline three\n"),
    ("QUOTES", "it's a \"quoted\" 'value'"),
    ("DOLLAR", "$HOME $(whoami) $$ $1"),
    ("DOLLAR_BRACE", "${PATH} and ${X:-y}"),
    ("BACKTICKS", "`id` and `echo pwned`"),
    ("BACKSLASHES", "C:\\temp\\new \\n \\\\ \\x00 mid"),
    ("HASH", "a #not a comment # x"),
    ("LEADING_HASH", "#start"),
    ("SPACES", "   padded   "),
    ("EMPTY", ""),
    ("UNICODE", "pässwörd 🔐 秘密"),
    ("COMBINING_QUOTE", "x'\u{301}y"),
    ("CR", "a\rb"),
    ("EQUALS", "a=b=c"),
    ("TRAILING_BACKSLASH", "C:\\dir\\"),
]

@Suite struct WritersTests {
    @Test func dotenvRoundTripsThroughOurReader() throws {
        let out = try DotenvWriter.render(hostile)
        let back = try DotenvReader.parse(out.text)
        #expect(back.map(\.0) == hostile.map(\.0))
        for ((n, v), (_, w)) in zip(hostile, back) { #expect(v == w, "\(n)") }
    }

    @Test func dotenvQuotingChoices() throws {
        #expect(try DotenvWriter.render([("A", "plain $x `y` #z \"q\"")]).text == "A='plain $x `y` #z \"q\"'\n")
        #expect(try DotenvWriter.render([("A", "it's")]).text == "A=\"it's\"\n")
        #expect(try DotenvWriter.render([("A", "a\\b\n")]).text == "A=\"a\\\\b\\n\"\n")
        #expect(try DotenvWriter.render([("A", "ends\\")]).text == "A=ends\\\n")
        #expect(throws: DotenvWriter.UnrepresentableValue.self) { try DotenvWriter.render([("A", "two\nlines\\")]) }
    }

    @Test func dotenvCaveatsNameTheVariableNotTheValue() throws {
        let out = try DotenvWriter.render([("A", "${HOME}"), ("B", "it's $5"), ("C", "fine")])
        #expect(out.caveats.count == 2)
        #expect(out.caveats[0].hasPrefix("A: python-dotenv"))
        #expect(out.caveats[1].hasPrefix("B: docker compose"))
        #expect(!out.caveats.joined().contains("it's"))
    }

    /// A line a shell would run as code when sourced is named; single-quoted lines are safe for shells too.
    @Test func dotenvNamesLinesNotSafeToSource() throws {
        let out = try DotenvWriter.render([("A", "it's $(touch /tmp/x)"), ("B", "it's `id`"), ("C", "$(id) but quoted"),
                                           ("D", "it's fine")])
        #expect(out.caveats.filter { $0.contains("not safe to source") }.map { String($0.prefix(1)) } == ["A", "B"])
        #expect(!out.caveats.joined().contains("touch"))
    }

    /// Quotes and backslashes go in double quotes, everything else in single quotes: the same in bash,
    /// dash, zsh and fish (whose single quotes read `\'` and `\\` as escapes).
    @Test func shellQuotesEveryQuoteAndBackslashOutsideSingleQuotes() {
        #expect(ShellWriter.render([("A", "it's")]) == "export A='it'\"'\"'s'\n")
        #expect(ShellWriter.quote("x'\u{301}y") == "'x'\"'\"'\u{301}y'")
        #expect(ShellWriter.quote("") == "''")
        #expect(ShellWriter.quote("'") == "\"'\"")
        #expect(ShellWriter.quote("\\") == "\"\\\\\"")
        #expect(ShellWriter.quote("a\\'; touch PWNED #") == "'a'\"\\\\'\"'; touch PWNED #'")
        #expect(ShellWriter.quote("$(id) `id` \n\t ") == "'$(id) `id` \n\t '")
    }

    /// No `'` or `\` inside a single-quoted run, and no two single-quoted runs side by side (zsh RC_QUOTES).
    @Test func shellSingleQuotedRunsHoldNothingAShellCouldReadTwoWays() {
        for value in ["a\\'b", "''", "\\\\'\\", "it's \"q\" \\n", "x'y'z", "\\"] {
            let q = ShellWriter.quote(value)
            var inSingle = false, inDouble = false, previous: Character = " "
            for c in q {
                if inSingle {
                    if c == "'" { inSingle = false } else { #expect(c != "\\", "\(q)") }
                } else if inDouble {
                    if c == "\"" && previous != "\\" { inDouble = false }
                } else if c == "'" {
                    #expect(previous != "'", "two single-quoted runs touch in \(q)")
                    inSingle = true
                } else if c == "\"" {
                    inDouble = true
                }
                previous = (inDouble && previous == "\\" && c == "\\") ? " " : c
            }
        }
    }

    @Test func jsonEscapes() {
        #expect(JSONEnvWriter.render([]) == "{}\n")
        #expect(JSONEnvWriter.render([("A", "q\"\\\n\u{1}")]) == "{\n  \"A\": \"q\\\"\\\\\\n\\u0001\"\n}\n")
    }
}
