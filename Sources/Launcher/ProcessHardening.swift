import CSupervision
import Glibc

/// Keeps lwexec's secrets out of core dumps and away from other processes of the user.
///
/// `apply()` runs first thing in both executables, before any secret is read: lwexec becomes
/// non-dumpable (no core file, no ptrace attach or /proc/PID/mem by the same user) and its own soft
/// core limit becomes 0 (the limit counts where a crash handler ignores the dumpable flag, e.g. with
/// `fs.suid_dumpable=2`). The child is untouched: execve makes it dumpable again, and every spawn runs
/// with the core limit lwexec inherited (`withInheritedCoreLimit`).
public enum ProcessHardening {
    static let core = __rlimit_resource_t(RLIMIT_CORE.rawValue)

    /// lwexec's soft core limit as it started (read once, before `apply` lowers it): what children get.
    static let inheritedCoreLimit: rlim_t = {
        var limit = rlimit()
        return getrlimit(core, &limit) == 0 ? limit.rlim_cur : 0
    }()

    /// Makes this process non-dumpable and sets its soft core limit to 0.
    public static func apply() {
        _ = inheritedCoreLimit
        _ = lw_set_dumpable(0)
        setSoftCoreLimit(0)
    }

    /// Puts back the core limit lwexec inherited (before it execs another program in its place).
    public static func restoreInheritedCoreLimit() { setSoftCoreLimit(inheritedCoreLimit) }

    /// Runs `spawn` with the core limit lwexec inherited, so the child gets it, then puts lwexec's back.
    /// (posix_spawn suspends the caller until the child has exec'd: lwexec never runs with the higher limit.)
    static func withInheritedCoreLimit<T>(_ spawn: () -> T) -> T {
        var limit = rlimit()
        guard getrlimit(core, &limit) == 0, limit.rlim_cur != inheritedCoreLimit else { return spawn() }
        let own = limit.rlim_cur
        setSoftCoreLimit(inheritedCoreLimit)
        defer { setSoftCoreLimit(own) }
        return spawn()
    }

    static func setSoftCoreLimit(_ value: rlim_t) {
        var limit = rlimit()
        guard getrlimit(core, &limit) == 0 else { return }
        limit.rlim_cur = min(value, limit.rlim_max)
        setrlimit(core, &limit)
    }
}
