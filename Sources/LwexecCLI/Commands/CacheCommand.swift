import ArgumentParser
import AWSClient
import KeyringCache

/// `lwexec cache list|clear`: what the keyring holds, and dropping it.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear what --cache keeps in the kernel keyring.",
        discussion: """
        Cached entries live in the keyring named lwexec under your user keyring (see `keyctl show @u`): \
        kernel memory, never on disk, readable by your own processes only (docs/security.md), each with \
        a kernel expiry.
        """,
        subcommands: [CacheListCommand.self, CacheClearCommand.self])
}

/// `lwexec cache list`: entries, their identity hash, prefixes, age and expiry — never values.
struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cached entries (never their values).")

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let now = Clock.epochSeconds()
        let entries = (try? ResolutionCache.open(create: false))??.entries() ?? []
        if json {
            print(JSON.serialize(.array(entries.map { key, e in
                .object(["Key": .string(key), "Identity": .string(e.identityHash), "Prefixes": .array(e.prefixes.map { .string($0) }),
                         "Secrets": .array(e.secrets.map { .string($0) }), "Variables": .number(String(e.resolution.variables.count)),
                         "Created": .number(String(e.created)), "FreshUntil": .number(String(e.created + e.ttl)),
                         "StaleUntil": .number(String(e.created + e.ttl + e.staleIfError))])
            })))
            return
        }
        if entries.isEmpty { print("no cached entries"); return }
        var rows = [["IDENTITY", "PREFIXES / SECRETS", "VARS", "AGE", "STATE"]]
        for (_, e) in entries {
            let what = (e.prefixes + e.secrets.map { "--secret " + $0 }).joined(separator: " ")
            let state = e.isFresh(at: now) ? "fresh \(e.created + e.ttl - now)s" : "stale \(e.created + e.ttl + e.staleIfError - now)s"
            rows.append([e.identityHash, what, String(e.resolution.variables.count), "\(now - e.created)s", state])
        }
        print(TextTable.render(rows), terminator: "")
    }
}

/// `lwexec cache clear [PREFIX]`.
struct CacheClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Drop cached entries: all (with cached temporary credentials and completion names), or those under a prefix.")

    @Argument(help: ArgumentHelp("Only entries for this prefix or below.", valueName: "prefix"), completion: .cachedPrefixOrName)
    var prefix: String?

    func run() throws {
        let n = (try? ResolutionCache.open(create: false))??.clear(prefix: prefix) ?? 0
        guard prefix == nil else {
            print("cleared \(n) entr\(n == 1 ? "y" : "ies")")
            return
        }
        ((try? NameListCache.open(create: false)) ?? nil)?.clear()  // completion's name lists
        let credentials = KeyringCredentialCache(log: Logger()).clear()
        print("cleared \(n) entr\(n == 1 ? "y" : "ies") and \(credentials) cached credential\(credentials == 1 ? "" : "s")")
    }
}

/// Left-aligned columns separated by two spaces, for people.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            var line = ""
            for (i, c) in r.enumerated() {
                line += i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2)
            }
            out += line + "\n"
        }
        return out
    }
}
