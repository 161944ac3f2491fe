import Glibc

/// Reads small files without Foundation.
public enum FileReading {
    /// The file's bytes, or nil when it does not exist; other failures carry errno.
    public static func contents(of path: String) throws(FileError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw FileError(path: path, errno: errno)
        }
        defer { close(fd) }
        switch FileDescriptorIO.readAll(fd) {
        case .success(let bytes): return bytes
        case .failure(let e): throw FileError(path: path, errno: e.code)
        }
    }

    public struct FileError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "cannot read \(path): \(String(cString: strerror(errno)))" }
    }
}
