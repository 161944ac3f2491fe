/// lwexec's version, shown by `--version` and sent in `User-Agent`.
///
/// `make release` stamps `git describe --tags --always --dirty` (scripts/stamp-version writes
/// VersionStamp.swift and builds with `-DLWEXEC_STAMPED`); a plain `swift build` uses the constant.
public enum LwexecVersion {
    #if LWEXEC_STAMPED
    public static let string = stamped
    #else
    public static let string = "0.1.0"
    #endif
}
