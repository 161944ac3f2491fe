import AWSClient
import SecretResolution

extension SecretsManagerClient {
    /// What to say when the secret `name` does not exist, in every command: the region and endpoint
    /// asked, and the closest existing names — from the nearest enclosing path that holds any, and
    /// never in another environment (`Suggestions`).
    public func notFound(_ name: String) -> (message: String, hint: String) {
        let (names, folder, depth) = namesNear(name)
        let near = Suggestions.closestNames(to: name, names: names)
        let list = "lwexec list \(folder)" + (depth > 1 ? " --recursive" : "")
        return ("secret \(name) was not found in \(client.region) (\(client.endpoint.url))",
                near.isEmpty ? "check the name and the region (--region); \(list) shows what exists"
                    : "did you mean \(near.joined(separator: " or "))? (\(list) shows what exists)")
    }

    /// Names under the nearest folder above `name` that holds any, up to four levels up (the root
    /// of `/{environment}/{service}/{secret_type}`), that folder, and how many levels up it is.
    /// Best effort: none on any failure.
    func namesNear(_ name: String) -> (names: [String], folder: String, depth: Int) {
        var parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("arn:"), parts.count > 1 else { return ([], "/", 1) }
        parts.removeLast()
        var depth = 1
        while true {
            let folder = parts.isEmpty || parts == [""] ? "/" : parts.joined(separator: "/") + "/"
            let names = (try? listSecrets(namePrefix: folder == "/" ? nil : folder, maxPages: 3).map(\.name)) ?? []
            if !names.isEmpty || folder == "/" || depth == 4 { return (names, folder, depth) }
            parts.removeLast()
            depth += 1
        }
    }
}

extension SecretsManagerStore {
    /// A `--secret` that does not exist, told as every command tells it (`SecretsManagerClient.notFound`).
    public func notFound(_ name: String) -> ResolutionError {
        let (message, hint) = sm.notFound(name)
        return ResolutionError(message, hint: hint)
    }
}
