// A stand-in for the toolchain's Glibc overlay in Embedded Swift (which ships no Glibc module):
// the same names, so shared sources keep `import Glibc`. Only what lwexec's launcher closure uses.
@_exported import SwiftGlibc
import LWGlibcShims

public var errno: Int32 {
    get { lw_get_errno() }
    set { lw_set_errno(newValue) }
}

public func open(_ path: UnsafePointer<CChar>, _ oflag: Int32) -> Int32 { lw_open(path, oflag, 0) }
public func open(_ path: UnsafePointer<CChar>, _ oflag: Int32, _ mode: mode_t) -> Int32 { lw_open(path, oflag, mode) }
public func openat(_ fd: Int32, _ path: UnsafePointer<CChar>, _ oflag: Int32) -> Int32 { lw_openat(fd, path, oflag, 0) }
public func openat(_ fd: Int32, _ path: UnsafePointer<CChar>, _ oflag: Int32, _ mode: mode_t) -> Int32 { lw_openat(fd, path, oflag, mode) }
public func fcntl(_ fd: Int32, _ cmd: Int32) -> Int32 { lw_fcntl(fd, cmd) }
public func fcntl(_ fd: Int32, _ cmd: Int32, _ value: Int32) -> Int32 { lw_fcntl_int(fd, cmd, value) }
public func fcntl(_ fd: Int32, _ cmd: Int32, _ ptr: UnsafeMutableRawPointer) -> Int32 { lw_fcntl_ptr(fd, cmd, ptr) }
public func ioctl(_ fd: CInt, _ request: UInt, _ value: CInt) -> CInt { lw_ioctl_int(fd, request, value) }
public func ioctl(_ fd: CInt, _ request: UInt, _ ptr: UnsafeMutableRawPointer) -> CInt { lw_ioctl(fd, request, ptr) }

public typealias sighandler_t = __sighandler_t
public var SIG_DFL: sighandler_t? { lw_sig_dfl() }
public var SIG_IGN: sighandler_t { lw_sig_ign()! }
public var SIG_ERR: sighandler_t { lw_sig_err()! }

public var S_IFMT: mode_t { mode_t(0o170000) }
public var S_IFIFO: mode_t { mode_t(0o010000) }
public var S_IFCHR: mode_t { mode_t(0o020000) }
public var S_IFDIR: mode_t { mode_t(0o040000) }
public var S_IFBLK: mode_t { mode_t(0o060000) }
public var S_IFREG: mode_t { mode_t(0o100000) }
public var S_IFLNK: mode_t { mode_t(0o120000) }
public var S_IFSOCK: mode_t { mode_t(0o140000) }
public var S_IRWXU: mode_t { mode_t(0o700) }
public var S_IRUSR: mode_t { mode_t(0o400) }
public var S_IWUSR: mode_t { mode_t(0o200) }
public var S_IXUSR: mode_t { mode_t(0o100) }
public var S_IRWXG: mode_t { mode_t(0o070) }
public var S_IRGRP: mode_t { mode_t(0o040) }
public var S_IWGRP: mode_t { mode_t(0o020) }
public var S_IXGRP: mode_t { mode_t(0o010) }
public var S_IRWXO: mode_t { mode_t(0o007) }
public var S_IROTH: mode_t { mode_t(0o004) }
public var S_IWOTH: mode_t { mode_t(0o002) }
public var S_IXOTH: mode_t { mode_t(0o001) }

public var environ: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> { lw_environ()! }

/// CommandLine is not in the Embedded stdlib: the same shape for shared sources.
public enum CommandLine {
    public static var argc: Int32 { lw_argc() }
    public static var unsafeArgv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> { lw_argv()! }
    public static var arguments: [String] {
        (0..<Int(argc)).map { String(cString: lw_argv()![$0]!) }
    }
}
