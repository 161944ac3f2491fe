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

/// `lwexec cache list`: entries, their identity hash, prefixes, age and expiry — never values. An
/// entry lwexec cannot read (parts gone, rewritten, too large, another version's key) is listed as
/// unreadable, with why and, when what is left of it says, what it was for.
struct CacheListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cached entries (never their values).")

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let now = Clock.epochSeconds()
        let stored = (try? ResolutionCache.open(create: false))??.inventory() ?? []
        if json {
            print(JSON.serialize(.array(stored.map { Self.json($0) })))
            return
        }
        if stored.isEmpty { print("no cached entries"); return }
        var rows = [["IDENTITY", "PREFIXES / SECRETS", "VARS", "AGE", "STATE"]]
        for s in stored {
            switch s.state {
            case .readable(let e):
                let state = e.isFresh(at: now) ? "fresh \(e.created + e.ttl - now)s" : "stale \(e.created + e.ttl + e.staleIfError - now)s"
                rows.append([e.identityHash, Self.what(e.prefixes, e.secrets), String(e.resolution.variables.count),
                             "\(now - e.created)s", state])
            case .unreadable(let reason, let purpose):
                let what = purpose.map { Self.what($0.prefixes, $0.secrets) + " " } ?? ""
                rows.append(["-", what + "(" + s.key + ")", "-", "-", "unreadable: " + reason])
            }
        }
        print(TextTable.render(rows), terminator: "")
    }

    static func what(_ prefixes: [String], _ secrets: [String]) -> String {
        (prefixes + secrets.map { "--secret " + $0 }).joined(separator: " ")
    }

    static func json(_ s: ResolutionCache.Stored) -> JSONValue {
        switch s.state {
        case .readable(let e):
            return .object(["Key": .string(s.key), "Readable": .bool(true), "Identity": .string(e.identityHash),
                            "Prefixes": .array(e.prefixes.map { .string($0) }), "Secrets": .array(e.secrets.map { .string($0) }),
                            "Variables": .number(String(e.resolution.variables.count)), "Created": .number(String(e.created)),
                            "FreshUntil": .number(String(e.created + e.ttl)),
                            "StaleUntil": .number(String(e.created + e.ttl + e.staleIfError))])
        case .unreadable(let reason, let purpose):
            var doc: [String: JSONValue] = ["Key": .string(s.key), "Readable": .bool(false), "Reason": .string(reason)]
            if let purpose {
                doc["Prefixes"] = .array(purpose.prefixes.map { .string($0) })
                doc["Secrets"] = .array(purpose.secrets.map { .string($0) })
            }
            return .object(doc)
        }
    }
}

/// `lwexec cache clear [PREFIX]`.
struct CacheClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Drop cached entries: all (with cached temporary credentials and completion names), or those under a prefix.",
        discussion: """
        Without a prefix every key lwexec keeps goes, whether it can be read or not. With one, the \
        entries resolved for it or below, and the unreadable ones whose remains still name it.
        """)

    @Argument(help: ArgumentHelp("Only entries for this prefix or below.", valueName: "prefix"), completion: .cachedPrefixOrName)
    var prefix: String?

    func run() throws {
        let cleared = (try? ResolutionCache.open(create: false))??.clear(prefix: prefix) ?? ResolutionCache.Cleared()
        let n = cleared.entries
        let entries = "cleared \(n) entr\(n == 1 ? "y" : "ies")" + (cleared.unreadable > 0 ? " (\(cleared.unreadable) unreadable)" : "")
        guard prefix == nil else {
            print(entries)
            return
        }
        ((try? NameListCache.open(create: false)) ?? nil)?.clear()  // completion's name lists
        let credentials = KeyringCredentialCache(log: Logger()).clear()
        print("\(entries) and \(credentials) cached credential\(credentials == 1 ? "" : "s")")
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
