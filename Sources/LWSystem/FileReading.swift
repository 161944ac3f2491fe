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
        // One read into a buffer of the file's size (a large ~/.aws/config is read on every warm
        // start); the chunked loop for what is left, for files that grow or report no size.
        var st = stat()
        var bytes: [UInt8] = []
        if fstat(fd, &st) == 0, st.st_size > 0, let size = Int(exactly: st.st_size), size < Int.max {
            var failed: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
                count = 0
                while count <= size, let base = buffer.baseAddress {
                    let n = read(fd, base + count, size + 1 - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = errno
                        return
                    }
                    if n == 0 { return }
                    count += n
                }
            }
            if failed != 0 { throw FileError(path: path, errno: failed) }
            if bytes.count <= size { return bytes }
        }
        switch FileDescriptorIO.readAll(fd) {
        case .success(let rest): return bytes.isEmpty ? rest : bytes + rest
        case .failure(let e): throw FileError(path: path, errno: e.code)
        }
    }

    public struct FileError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "cannot read \(path): \(String(cString: strerror(errno)))" }
    }
}
