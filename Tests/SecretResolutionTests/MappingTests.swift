import Testing
@testable import SecretResolution

@Suite struct MappingTests {
    @Test(arguments: [
        ("database_password", "DATABASE_PASSWORD"), ("api-key", "API_KEY"), ("some.thing", "SOME_THING"),
        ("backend/database_password", "BACKEND_DATABASE_PASSWORD"), ("Mixed_Case9", "MIXED_CASE9"),
        ("ünï", "_N_"), ("日本", "__"), ("a+b=c@d", "A_B_C_D"),
    ])
    func variableNames(_ relative: String, _ expected: String) {
        #expect(VariableMapping.variableName(for: Substring(relative)) == expected)
    }

    @Test func envPrefixIsPrepended() {
        #expect(VariableMapping.variableName(for: "db", envPrefix: "APP_") == "APP_DB")
    }

    @Test func validNames() {
        #expect(VariableMapping.isValidName("A_1"))
        #expect(VariableMapping.isValidName("_x"))
        #expect(!VariableMapping.isValidName("1A"))
        #expect(!VariableMapping.isValidName(""))
        #expect(!VariableMapping.isValidName("A-B"))
    }

    @Test func secretRefParsing() {
        #expect(SecretRef(parsing: "/a/b") == SecretRef(name: "/a/b"))
        #expect(SecretRef(parsing: "/a/b=VAR") == SecretRef(name: "/a/b", variable: "VAR"))
        #expect(SecretRef(parsing: "/a/b=c=D_1") == SecretRef(name: "/a/b=c", variable: "D_1"))
        #expect(SecretRef(parsing: "/a/x=1bad") == SecretRef(name: "/a/x=1bad"))
        #expect(SecretRef(parsing: "") == nil)
    }
}

@Suite struct PrefixMatchingTests {
    @Test func normalization() {
        #expect(PrefixMatching.normalize("/a/b/") == "/a/b")
        #expect(PrefixMatching.normalize("/a/b//") == "/a/b")
        #expect(PrefixMatching.normalize("/") == "/")
    }

    @Test func boundaryAndCase() {
        #expect(PrefixMatching.relativeName("/a/b/x", under: "/a/b") == "x")
        #expect(PrefixMatching.relativeName("/a/b/x/y", under: "/a/b") == "x/y")
        #expect(PrefixMatching.relativeName("/a/b-old/x", under: "/a/b") == nil)
        #expect(PrefixMatching.relativeName("/a/B/x", under: "/a/b") == nil)
        #expect(PrefixMatching.relativeName("/a/b", under: "/a/b") == nil)
        #expect(PrefixMatching.relativeName("/a/b/", under: "/a/b") == nil)
        #expect(PrefixMatching.relativeName("/x", under: "/") == "x")
    }

    /// Found by fuzzing (fuzz/regressions/mapping-*): a combining mark after the slash joins the
    /// slash's Character, and cutting the prefix by Characters dropped it too.
    @Test func combiningMarkAfterTheSlash() {
        #expect(PrefixMatching.relativeName("/a/e/\u{301}x", under: "/a/e") == "\u{301}x")
        #expect(PrefixMatching.relativeName("/a/e/\u{301}", under: "/a/e") == "\u{301}")
    }

    @Test func suggestions() {
        let names = ["/non-prod/backend/database_password", "/non-prod/redis/auth_token", "/prod/backend/jwt"]
        #expect(Suggestions.closestPrefixes(to: "/non-prod/backnd", names: names).first == "/non-prod/backend")
        #expect(Suggestions.closestPrefixes(to: "/non-prod/Backend", names: names).first == "/non-prod/backend")
        #expect(Suggestions.closestPrefixes(to: "/zzzzzzzzzzzzzzzz", names: names).isEmpty)
    }

    /// Issue 23: a suggestion never changes the environment (first path segment) the user typed:
    /// a typo of one (`/nonprod`) stays in the one it is closest to, never in another.
    @Test func suggestionsStayInTheTypedEnvironment() {
        let names = ["/non-prod/backend/api_key", "/prod/backend/api_key", "/prod/backend/jwt"]
        #expect(Suggestions.closestPrefixes(to: "/nonprod/backend", names: names) == ["/non-prod/backend"])
        #expect(Suggestions.closestPrefixes(to: "/prd/backend", names: names) == ["/prod/backend"])
        #expect(Suggestions.closestPrefixes(to: "/non-prod/backnd", names: ["/prod/backend/x"]).isEmpty)
        #expect(Suggestions.closestPrefixes(to: "/staging/backend", names: names).isEmpty)
        #expect(Suggestions.closestNames(to: "/non-prod/backend/jwt", names: names).isEmpty)
        #expect(Suggestions.closestNames(to: "/nonprod/backend/api_key", names: names) == ["/non-prod/backend/api_key"])
        #expect(Suggestions.closestNames(to: "/prod/backend/api_kye", names: names) == ["/prod/backend/api_key"])
    }
}
