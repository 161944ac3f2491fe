import LWJSON
import LWSystem
import LWEncoding

/// One variable lwexec will set, and the secret it came from.
public struct ResolvedVariable: Sendable, Equatable {
    public var name: String
    public var value: String
    /// The secret's name (never its value): used in notices and errors.
    public var secret: String
    /// True when it came from `--secret`.
    public var explicit: Bool

    public init(name: String, value: String, secret: String, explicit: Bool) {
        self.name = name
        self.value = value
        self.secret = secret
        self.explicit = explicit
    }
}

/// The variables to inject, in a stable order, and the notices about overrides among them.
public struct Resolution: Sendable, Equatable {
    public var variables: [ResolvedVariable]
    /// One line per override, naming the variable and the secrets; never a value.
    public var notices: [String]

    public init(variables: [ResolvedVariable], notices: [String]) {
        self.variables = variables
        self.notices = notices
    }
}

/// Turns prefixes and named secrets into variables: mapping, collisions, precedence, validation.
public struct Resolver {
    public var request: ResolutionRequest

    public init(request: ResolutionRequest) {
        self.request = request
    }

    /// Fetches through `store` and applies every rule; throws before anything partial can be used.
    public func resolve(using store: some SecretStore) throws(ResolutionError) -> Resolution {
        guard request.envPrefix.isEmpty || request.envPrefix.utf8.allSatisfy({ VariableMapping.isValidName("A" + String(UnicodeScalar($0))) }) else {
            throw ResolutionError("--env-prefix \(request.envPrefix) is not usable in a variable name",
                                  hint: "use letters, digits and underscores, e.g. --env-prefix APP_")
        }
        if request.prefixes.isEmpty && request.secrets.isEmpty {
            throw ResolutionError("nothing to resolve", hint: "name a prefix (e.g. /non-prod/backend) or --secret NAME")
        }
        // An empty prefix is nearly always an unset shell variable ("$PREFIX"); it would mean every secret.
        if request.prefixes.contains(where: { $0.isEmpty }) {
            throw ResolutionError("an empty prefix was given (an unset variable?)",
                                  hint: "name a prefix such as /non-prod/backend; / with --recursive takes every secret")
        }
        let prefixes = request.normalizedPrefixes
        let names = request.secrets.map { $0.name }
        let fetched = try store.fetch(prefixes: prefixes, names: names, recursive: request.recursive)
        return try assemble(fetched, prefixes: prefixes, store: store)
    }

    /// Applies the rules to values already fetched.
    public func assemble(_ fetched: FetchedSecrets, prefixes: [String], store: (some SecretStore)?) throws(ResolutionError) -> Resolution {
        var chosen: [String: ResolvedVariable] = [:]
        var order: [String] = []
        var notices: [String] = []

        func place(_ v: ResolvedVariable) {
            if let old = chosen[v.name] {
                notices.append("\(v.name): \(v.explicit ? "--secret " : "")\(v.secret) overrides \(old.explicit ? "--secret " : "")\(old.secret)")
            } else {
                order.append(v.name)
            }
            chosen[v.name] = v
        }

        for prefix in prefixes {
            var group: [String: ResolvedVariable] = [:]
            var expandedNames = Set<String>()
            let values = (fetched.byPrefix[prefix] ?? []).sorted { $0.name < $1.name }
            var seen = Set<String>()
            var deeper = fetched.deeperNames[prefix] ?? []
            for value in values {
                // Every listed name has exactly one value, or nothing runs.
                guard seen.insert(value.name).inserted else {
                    throw ResolutionError("secret \(value.name) came back twice under \(prefix)",
                                          hint: "the endpoint is not answering as Secrets Manager does; check it (-v shows it) and try again")
                }
                guard let rel = PrefixMatching.relativeName(value.name, under: prefix) else { continue }
                guard request.recursive || PrefixMatching.isDirectChild(rel) else { deeper.append(value.name); continue }
                let base = VariableMapping.variableName(for: rel, envPrefix: request.envPrefix)
                let produced = try variables(for: value, base: base, explicit: false)
                // With --expand-json, a key of a JSON secret and a plain secret may map to one name
                // (the SOP's own `database` object beside `database_password`): the plain secret wins,
                // announced like any override. Two plain secrets, or two keys, are a collision.
                let isExpansion = request.expandJSON && !(produced.count == 1 && produced[0].name == base)
                for v in produced {
                    if let twin = group[v.name] {
                        let twinIsExpansion = expandedNames.contains(v.name)
                        if isExpansion && !twinIsExpansion {
                            notices.append("\(v.name): \(twin.secret) overrides key of \(v.secret) (--expand-json: a plain secret wins over a JSON key)")
                            continue
                        }
                        if !isExpansion && twinIsExpansion {
                            notices.append("\(v.name): \(v.secret) overrides key of \(twin.secret) (--expand-json: a plain secret wins over a JSON key)")
                            expandedNames.remove(v.name)
                            group[v.name] = v
                            continue
                        }
                        throw collision(v, twin)
                    }
                    if isExpansion { expandedNames.insert(v.name) }
                    group[v.name] = v
                }
            }
            if group.isEmpty && !request.allowEmpty {
                throw emptyPrefix(prefix, deeper: deeper, store: store)
            }
            for name in group.keys.sorted() { place(group[name]!) }
        }

        var explicitGroup: [String: ResolvedVariable] = [:]
        for ref in request.secrets {
            guard let value = fetched.byName[ref.name] else {
                throw store?.notFound(ref.name) ?? ResolutionError("secret \(ref.name) was not found", hint: "check the name and the region")
            }
            let base: String
            if let v = ref.variable {
                base = v
            } else {
                // From the secret's own name, not the argument: an ARN argument ends in a random suffix.
                let last = value.name.split(separator: "/").last ?? Substring(value.name)
                base = VariableMapping.variableName(for: last, envPrefix: request.envPrefix)
            }
            for v in try variables(for: value, base: base, explicit: true) {
                if let twin = explicitGroup[v.name] { throw collision(v, twin) }
                explicitGroup[v.name] = v
                place(v)
            }
        }
        let resolution = Resolution(variables: order.map { chosen[$0]! }, notices: notices)
        try HijackGuard.check(resolution, allowed: request.allowedVariables)
        return resolution
    }

    /// The variables one secret yields: one, or one per key with `--expand-json`.
    func variables(for value: SecretValue, base: String, explicit: Bool) throws(ResolutionError) -> [ResolvedVariable] {
        let text: String
        switch value.payload {
        case .string(let s): text = s
        case .binary(let b): text = Encoding.base64(b)
        }
        var pairs: [(String, String)] = [(base, text)]
        // Only a JSON object is split; every other value, malformed JSON included, passes unchanged.
        if request.expandJSON, case .string = value.payload, text.first == "{",
           let json = try? JSON.parse(text), case .object(let members) = json {
            pairs = members.keys.sorted().map { (VariableMapping.expandedName(base: base, key: $0), members[$0]!.plainText) }
        }
        var out: [ResolvedVariable] = []
        var seen: [String: String] = [:]
        for (name, v) in pairs {
            guard VariableMapping.isValidName(name) else {
                throw ResolutionError("secret \(value.name) maps to \(name), which is not a valid variable name (it starts with a digit)",
                                      hint: "name the variable with --secret \(value.name)=NAME, or add --env-prefix")
            }
            if v.utf8.contains(0) {
                throw ResolutionError("secret \(value.name) holds a NUL byte, which an environment variable cannot carry",
                                      hint: "store the value base64-encoded, or as SecretBinary")
            }
            if seen[name] != nil {
                throw ResolutionError("two keys of secret \(value.name) map to \(name)",
                                      hint: "rename one of the keys, or drop --expand-json")
            }
            seen[name] = v
            out.append(ResolvedVariable(name: name, value: v, secret: value.name, explicit: explicit))
        }
        return out
    }

    func collision(_ a: ResolvedVariable, _ b: ResolvedVariable) -> ResolutionError {
        let (first, second) = a.secret < b.secret ? (a.secret, b.secret) : (b.secret, a.secret)
        return ResolutionError("secrets \(first) and \(second) both map to \(a.name)",
                               hint: "rename one (lwexec read \(second) | lwexec write NEW_NAME && lwexec delete \(second)), "
                                   + "or name the secrets you need with --secret NAME=VAR instead of the prefix")
    }

    func emptyPrefix(_ prefix: String, deeper: [String], store: (some SecretStore)?) -> ResolutionError {
        if !deeper.isEmpty {
            return ResolutionError("no secrets directly under \(prefix) (\(deeper.count) in sub-paths, e.g. \(deeper.sorted()[0]))",
                                   hint: "add --recursive to take them, or name a deeper prefix")
        }
        let near = store.map { Suggestions.closestPrefixes(to: prefix, names: $0.namesForSuggestions(near: prefix)) } ?? []
        let hint = near.isEmpty
            ? "check the prefix and the region, or pass --allow-empty to run without it"
            : "did you mean \(near.joined(separator: " or "))? (--allow-empty runs without it)"
        return ResolutionError("no secrets under \(prefix)", hint: hint)
    }
}
