import Glibc
import Testing
@testable import LWSystem

@Suite struct LWSystemTests {
    @Test func waitStatusesDecodeAsTheMacrosDo() {
        #expect(WaitStatus(0) == .exited(0))
        #expect(WaitStatus(3 << 8) == .exited(3))
        #expect(WaitStatus(Int32(SIGTERM)) == .signaled(SIGTERM))
        #expect(WaitStatus(Int32(SIGSEGV) | 0x80) == .signaled(SIGSEGV), "with a core")
        #expect(WaitStatus(Int32(SIGTSTP) << 8 | 0x7f) == .stopped(SIGTSTP))
        #expect(WaitStatus(0xffff) == .continued)
        #expect(WaitStatus(Int32(SIGKILL)).shellStatus == 137 && WaitStatus(2 << 8).shellStatus == 2)
    }

    @Test func wholeWritesAndReadsThroughAPipe() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: $0) }  // less than a pipe buffer
        #expect(FileDescriptorIO.writeAll(fds[1], payload))
        close(fds[1])
        #expect(try FileDescriptorIO.readAll(fds[0]).get() == payload)
        close(fds[0])
    }

    @Test func readAllStopsPastItsLimit() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        FileDescriptorIO.writeAll(fds[1], [UInt8](repeating: 7, count: 10_000))
        close(fds[1])
        let got = try FileDescriptorIO.readAll(fds[0], limit: 100).get()
        #expect(got.count > 100 && got.count <= 10_000)
        close(fds[0])
    }

    /// The child's signal defaults: every signal but the kept-ignored ones, glibc's 32 and 33 included.
    @Test func spawnDefaultsResetAllButTheIgnored() {
        var ignored = sigset_t()
        sigemptyset(&ignored)
        sigaddset(&ignored, SIGHUP)
        var d = Spawn.defaults(keepingIgnored: ignored)
        #expect(sigismember(&d, SIGHUP) == 0 && sigismember(&d, SIGTERM) == 1 && sigismember(&d, SIGKILL) == 0)
        var all = Spawn.defaults(keepingIgnored: nil)
        #expect(sigismember(&all, SIGHUP) == 1 && sigismember(&all, SIGCHLD) == 1)
    }
}
