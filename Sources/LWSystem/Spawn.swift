import Glibc

/// The one `posix_spawn` of lwexec: a child with an empty signal mask and default dispositions
/// (except the signals given as kept-ignored), whatever the caller has blocked — the supervisor
/// blocks every signal, and a child must never inherit that.
public enum Spawn {
    /// Where the child runs.
    public enum Placement: Sendable {
        /// In the caller's process group.
        case inherit
        /// In a new process group that it leads.
        case newGroup
        /// In a new session (and group) that it leads.
        case newSession
    }

    /// posix_spawn flag (glibc >= 2.26): the child calls setsid() before its file actions run.
    static let setsidFlag: Int32 = 0x80

    /// Starts `path` (searched on PATH when `searchPath` is true, as `posix_spawnp`) with `argv` and
    /// `envp` (NUL-terminated C strings, nil-terminated arrays); `keepIgnored` are the signals that stay
    /// ignored (all others get their default action). Returns the pid, or the error code.
    public static func start(path: UnsafePointer<CChar>, argv: [UnsafeMutablePointer<CChar>?], envp: [UnsafeMutablePointer<CChar>?],
                             fileActions: UnsafePointer<posix_spawn_file_actions_t>? = nil, placement: Placement = .inherit,
                             keepIgnored: sigset_t? = nil, searchPath: Bool = false) -> Result<pid_t, Errno> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        var defaults = Self.defaults(keepingIgnored: keepIgnored)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // glibc always spawns with clone(CLONE_VM | CLONE_VFORK); POSIX_SPAWN_USEVFORK is a no-op there.
        // Not both session and group: glibc runs setsid first, and setpgid then fails for a session leader.
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        switch placement {
        case .inherit: break
        case .newSession: flags |= setsidFlag
        case .newGroup:
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var pid: pid_t = 0
        let code = searchPath ? posix_spawnp(&pid, path, fileActions, &attributes, argv, envp)
                              : posix_spawn(&pid, path, fileActions, &attributes, argv, envp)
        return code == 0 ? .success(pid) : .failure(Errno(code))
    }

    /// The signals the child gets with SIG_DFL: every signal that can be reset, except those in
    /// `ignored` (the ones the caller inherited as SIG_IGN, which a launcher keeps as exec does).
    /// The mask, on the other hand, is always emptied.
    public static func defaults(keepingIgnored ignored: sigset_t?) -> sigset_t {
        var ignored = ignored ?? {
            var none = sigset_t()
            sigemptyset(&none)
            return none
        }()
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<Int32(NSIG) where signal != SIGKILL && signal != SIGSTOP {
            if sigismember(&ignored, signal) != 1 { addSignal(signal, to: &defaults) }
        }
        return defaults
    }

    /// Adds any signal to a set, including glibc's two internal real-time signals (32 and 33).
    ///
    /// sigaddset refuses those, and glibc's posix_spawn then sets them to SIG_IGN in the child, where
    /// exec keeps it: a program that uses 32/33 itself (musl, Go, another libc) would start with them
    /// ignored. Setting the bits directly makes them SIG_DFL like every other signal.
    public static func addSignal(_ signal: Int32, to set: inout sigset_t) {
        let bit = Int(signal - 1)
        let count = MemoryLayout.size(ofValue: set.__val) / MemoryLayout<UInt>.size
        withUnsafeMutablePointer(to: &set.__val) { tuple in
            tuple.withMemoryRebound(to: UInt.self, capacity: count) { words in
                words[bit / UInt.bitWidth] |= 1 << UInt(bit % UInt.bitWidth)
            }
        }
    }

    /// `bytes` as a malloc'ed C string, copied exactly (free it).
    public static func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
        guard let raw = malloc(bytes.count + 1) else { return nil }
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(start: raw, count: bytes.count).copyMemory(from: $0) }
        raw.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
        return raw.assumingMemoryBound(to: CChar.self)
    }
}
