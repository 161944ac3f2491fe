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

    /// lwexec's core limits as it started (read once, before `apply` lowers the soft one): what children get.
    static let inherited: rlimit = {
        var limit = rlimit()
        return getrlimit(core, &limit) == 0 ? limit : rlimit(rlim_cur: 0, rlim_max: 0)
    }()

    /// Makes this process non-dumpable and sets its soft core limit to 0 (two or three system calls:
    /// this runs on every warm start).
    public static func apply() {
        _ = lw_set_dumpable(0)
        if inherited.rlim_cur != 0 { setSoftCoreLimit(0) }
    }

    /// Puts back the core limit lwexec inherited (before it execs another program in its place).
    public static func restoreInheritedCoreLimit() {
        if inherited.rlim_cur != 0 { setSoftCoreLimit(inherited.rlim_cur) }
    }

    /// Runs `spawn` with the core limit lwexec inherited, so the child gets it, then puts lwexec's back.
    /// (posix_spawn suspends the caller until the child has exec'd: lwexec never runs with the higher limit.)
    /// Nothing to do, and no system call, when lwexec inherited a limit of 0.
    static func withInheritedCoreLimit<T>(_ spawn: () -> T) -> T {
        guard inherited.rlim_cur != 0 else { return spawn() }
        var limit = rlimit()
        guard getrlimit(core, &limit) == 0, limit.rlim_cur != inherited.rlim_cur else { return spawn() }
        let own = limit.rlim_cur
        setSoftCoreLimit(inherited.rlim_cur)
        defer { setSoftCoreLimit(own) }
        return spawn()
    }

    static func setSoftCoreLimit(_ value: rlim_t) {
        var limit = rlimit(rlim_cur: min(value, inherited.rlim_max), rlim_max: inherited.rlim_max)
        setrlimit(core, &limit)
    }
}
