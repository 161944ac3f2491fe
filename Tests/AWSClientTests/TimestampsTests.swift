import Testing
@testable import AWSClient
@testable import AWSConfig

@Suite struct TimestampsTests {
    @Test func iso8601Forms() {
        #expect(Timestamps.parseISO8601("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamps.parseISO8601("2026-11-29T10:02:35Z") == 1_795_946_555)
        #expect(Timestamps.parseISO8601("2026-11-29T10:02:35.270214Z") == 1_795_946_555)
        #expect(Timestamps.parseISO8601("2026-11-29T11:02:35+01:00") == 1_795_946_555)
        #expect(Timestamps.parseISO8601("2026-11-29T05:02:35-0500") == 1_795_946_555)
        #expect(Timestamps.parseISO8601("2026-11-29 10:02:35") == 1_795_946_555)
        #expect(Timestamps.parseISO8601("2000-02-29T00:00:00Z") == 951_782_400)
    }

    @Test func iso8601Rejects() {
        for bad in ["", "2026-11-29", "2026-13-01T00:00:00Z", "2026-11-29T10:02:35Q", "2026-11-29T10:02Z", "tomorrow"] {
            #expect(Timestamps.parseISO8601(bad) == nil, "\(bad)")
        }
    }

    @Test func httpDate() {
        #expect(Timestamps.parseHTTPDate("Sun, 29 Nov 2026 10:02:35 GMT") == 1_795_946_555)
        #expect(Timestamps.parseHTTPDate("Thu, 01 Jan 1970 00:00:00 GMT") == 0)
        #expect(Timestamps.parseHTTPDate("29 Nov 2026 10:02:35") == nil)
        #expect(Timestamps.parseHTTPDate("Sun, 29 Foo 2026 10:02:35 GMT") == nil)
        // Hostile headers are rejected, never trapped on.
        #expect(Timestamps.parseHTTPDate("Sun, 29 Nov 99999999999999 10:02:35 GMT") == nil)
        #expect(Timestamps.parseHTTPDate("Sun, 29 Nov 9223372036854775807 10:02:35 GMT") == nil)
        #expect(Timestamps.parseHTTPDate("Sun, 29 Nov 2026 -1:-2:-3 GMT") == nil)
    }

    @Test func formatRoundTrips() {
        #expect(Timestamps.formatISO8601(1_795_946_555) == "2026-11-29T10:02:35Z")
        #expect(Timestamps.parseISO8601(Timestamps.formatISO8601(951_782_400)) == 951_782_400)
    }
}

@Suite(.serialized) struct ClockSkewTests {
    @Test func learnsTheOffsetOnlyFromSkewErrorsFarOff() {
        let clock = ClockSkew()
        let now = Clock.epochSeconds()
        let twoHoursAhead = httpDate(now + 7200)
        #expect(!clock.correct(code: "AccessDeniedException", serverDate: twoHoursAhead))
        #expect(!clock.correct(code: "InvalidSignatureException", serverDate: httpDate(now + 60)))
        #expect(!clock.correct(code: "InvalidSignatureException", serverDate: nil))
        #expect(clock.correct(code: "InvalidSignatureException", serverDate: twoHoursAhead))
        #expect(abs(clock.offsetSeconds - 7200) <= 2)
        #expect(abs(clock.now().epochSeconds - (now + 7200)) <= 2)
        #expect(!clock.correct(code: "RequestTimeTooSkewed", serverDate: twoHoursAhead), "already corrected")
    }

    func httpDate(_ t: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(t / 86_400) % 7]
        let iso = Array(Timestamps.formatISO8601(t))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let m = Int(String(iso[5..<7]))!
        return "\(days), \(String(iso[8..<10])) \(months[m - 1]) \(String(iso[0..<4])) \(String(iso[11..<19])) GMT"
    }
}
