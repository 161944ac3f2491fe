import AWSConfig
import SecretResolution

/// A region the vendored partition data does not list, named on stderr before the first network
/// call, with the closest listed regions: a typo (`eu-wset-1`) otherwise shows only as retries
/// until the deadline. lwexec goes on, as new regions appear before the tables are updated.
///
/// lwexec-core only: the warm-start launcher serves cache hits without this check (and without a
/// network call a wrong region could not cost anything there).
enum RegionCheck {
    /// Checked once per process: a `--watch` builds a session per poll.
    nonisolated(unsafe) static var checked = false

    static func warnIfUnlisted(_ region: String, log: Logger) {
        guard !checked else { return }
        checked = true
        guard !Partition.isListed(region) else { return }
        log.notice(message(for: region))
    }

    /// `eu-wset-1 is not a region AWS lists; did you mean eu-west-1?` (the closest, by edit distance).
    static func message(for region: String) -> String {
        let target = Array(region.lowercased().utf8)
        let scored = Partition.listedRegions.map { (name: $0, d: Suggestions.distance(target, Array($0.utf8))) }
        var text = "\(region) is not a region AWS lists"
        if let best = scored.map({ $0.d }).min(), best <= max(3, target.count / 4) {
            let near = Array(scored.filter { $0.d == best }.map { $0.name }.sorted().prefix(3))
            let list = near.count == 1 ? near[0] : near.dropLast().joined(separator: ", ") + " or " + near[near.count - 1]
            text += "; did you mean \(list)?"
        }
        return text
    }
}
