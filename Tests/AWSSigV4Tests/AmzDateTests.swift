import AWSSigV4
import Testing

@Suite("AmzDate")
struct AmzDateTests {
    @Test(arguments: [
        (0, "19700101T000000Z"),
        (-1, "19691231T235959Z"),
        (1_440_938_160, "20150830T123600Z"),
        (946_684_799, "19991231T235959Z"),
        (951_782_400, "20000229T000000Z"),
        (4_102_444_800, "21000101T000000Z"),
        (4_107_542_400, "21000301T000000Z"),
    ])
    func formats(epoch: Int, long: String) {
        let date = AmzDate(epochSeconds: epoch)
        #expect(date.long == long)
        #expect(date.short == String(long.prefix(8)))
        #expect(date.epochSeconds == epoch)
    }

    /// Requests are signed at the corrected clock (`ClockSkew.now`), never at the raw local one.
    @Test func theSignedTimeIsTheCorrectedClock() {
        #expect(AmzDate(epochSeconds: 0).long == "19700101T000000Z")
    }
}
