import AWSConfig
import Glibc
import KeyringCache
import SecretResolution
import Testing
@testable import ExecCore

/// What the warm-start launcher serves and what it hands to lwexec-core, against a fresh entry in a
/// keyring of the test's own (the real kernel keyring; a user's cache is untouched).
@Suite(.serialized) struct WarmStartTests {
    let keyring = "lwexec-test-warm-\(getpid())"

    static func options(_ args: [String]) -> ExecOptions {
        FastPath.parse(args, subcommands: FastPath.subcommands)!
    }

    static let configured: [(String, String)] = [
        ("PATH", "/usr/bin:/bin"), ("HOME", "/nonexistent"), ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", "x"), ("AWS_REGION", "us-east-1"),
    ]

    /// Stores a fresh entry for `args` run in `env`, then runs `body`; the keyring goes afterwards.
    func withEntry(for args: [String], env: [(String, String)], _ body: () throws -> Void) throws {
        let o = Self.options(args)
        let setup = try AWSSetup(o.aws, env: ProcessEnvironment(env), regionFallback: nil)
        let lookup = try #require(CacheLookup(o, setup: setup, log: Logger(), keyring: keyring))
        let cache = try #require(try ResolutionCache.open(named: keyring, create: true))
        defer { cache.keyring.destroy() }
        let resolution = Resolution(variables: [ResolvedVariable(name: "API_TOKEN", value: "t", secret: "/np/app/api_token",
                                                                 explicit: false)], notices: [])
        try cache.store(CacheEntry(created: Int(time(nil)) - 10, ttl: 300, staleIfError: 60, identityHash: "h",
                                   prefixes: ["/np/app"], secrets: [], resolution: resolution), key: lookup.description)
        try body()
    }

    func served(_ args: [String], _ env: [(String, String)]) -> Bool {
        WarmStart.servable(Self.options(args), env: ProcessEnvironment(env), keyring: keyring) != nil
    }

    @Test func aFreshEntryIsServedAndEachMissingConditionHandsOn() throws {
        let args = ["--cache", "/np/app", "--", "true"]
        try withEntry(for: args, env: Self.configured) {
            #expect(served(args, Self.configured))
            #expect(served(["/np/app", "--", "true"], Self.configured + [("LWEXEC_CACHE", "1")]))
            // The cache off: by default, or --no-cache over LWEXEC_CACHE.
            #expect(!served(["/np/app", "--", "true"], Self.configured))
            #expect(!served(["--no-cache", "/np/app", "--", "true"], Self.configured + [("LWEXEC_CACHE", "1")]))
            // A command that is not there: lwexec-core reports it (127).
            #expect(!served(["--cache", "/np/app", "--", "no-such-command-here"], Self.configured))
            // A --cache-ttl shorter than the entry's age (10 s) still applies.
            #expect(served(["--cache", "--cache-ttl", "60s", "/np/app", "--", "true"], Self.configured))
            #expect(!served(["--cache", "--cache-ttl", "5s", "/np/app", "--", "true"], Self.configured))
            // No HOME: the same key, but the password database would need NSS in a static program.
            #expect(!served(args, Self.configured.filter { $0.0 != "HOME" }))
            // Another identity, another key: never this entry.
            #expect(!served(args, Self.configured.map { $0.0 == "AWS_ACCESS_KEY_ID" ? ($0.0, "AKIDOTHER") : $0 }))
        }
    }

    @Test func lwexecCoreIsBesideTheLauncherThenInLibexec() {
        #expect(Handoff.candidates(executable: "/usr/local/bin/lwexec")
                == ["/usr/local/bin/lwexec-core", "/usr/local/bin/../libexec/lwexec/lwexec-core"])
    }
}
