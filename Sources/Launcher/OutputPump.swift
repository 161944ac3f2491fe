import Glibc
import OutputMask

/// Copies one of the child's output streams (pipe or pty master) to lwexec's stdout or stderr through
/// a `MaskFilter`.
///
/// Reads are non-blocking and bounded per call, so one chatty stream cannot starve signal handling;
/// writes block (the child is slowed to the reader's pace, as without lwexec in between). If the
/// destination is closed (EPIPE), the source is closed too, so the child gets its SIGPIPE/EPIPE just as
/// if it had written there itself.
final class OutputPump {
    private(set) var source: Int32
    let destination: Int32
    private var filter: MaskFilter
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var out: [UInt8] = []

    init(source: Int32, destination: Int32, filter: MaskFilter) {
        self.source = source
        self.destination = destination
        self.filter = filter
        out.reserveCapacity(buffer.count + MaskFilter.replacement.count)
    }

    var isOpen: Bool { source >= 0 }

    /// Moves what is readable now; false once the source has ended (EOF, or EIO from a pty whose
    /// slave side is closed everywhere).
    @discardableResult
    func pump() -> Bool {
        guard source >= 0 else { return false }
        for _ in 0..<16 {
            let n = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n > 0 {
                out.removeAll(keepingCapacity: true)
                buffer.withUnsafeBytes { filter.feed(UnsafeRawBufferPointer(rebasing: $0[..<n]), into: &out) }
                if !writeAll(out) { closeSource(); return false }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return true }
            finish()  // 0: end of file; EIO: pty hung up
            return false
        }
        return true
    }

    /// The stream is over (or lwexec is leaving): writes what the filter still holds and closes.
    func finish() {
        guard source >= 0 else { return }
        out.removeAll(keepingCapacity: true)
        filter.finish(into: &out)
        _ = writeAll(out)
        closeSource()
    }

    private func closeSource() {
        if source >= 0 { close(source) }
        source = -1
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(destination, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                var p = pollfd(fd: destination, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, 1000)
                continue
            }
            return false
        }
        return true
    }
}
