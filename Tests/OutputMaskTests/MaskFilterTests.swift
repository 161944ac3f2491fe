import Testing
import OutputMask

/// Masking must be exact: every occurrence replaced, everything else byte-identical, and nothing held
/// back longer than a match is still possible — however the stream is cut into writes.
@Suite struct MaskFilterTests {
    func run(_ values: [String], _ chunks: [String]) -> String {
        var filter = MaskFilter(values: values.map { Array($0.utf8) })
        var out: [UInt8] = []
        for c in chunks { filter.feed(Array(c.utf8), into: &out) }
        filter.finish(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Every way of cutting `text` into two or three pieces gives the same result as one piece.
    func allSplits(_ values: [String], _ text: String) -> Set<String> {
        let bytes = Array(text.utf8)
        var results: Set<String> = [run(values, [text])]
        for i in 0...bytes.count {
            for j in i...bytes.count {
                var filter = MaskFilter(values: values.map { Array($0.utf8) })
                var out: [UInt8] = []
                filter.feed(Array(bytes[..<i]), into: &out)
                filter.feed(Array(bytes[i..<j]), into: &out)
                filter.feed(Array(bytes[j...]), into: &out)
                filter.finish(into: &out)
                results.insert(String(decoding: out, as: UTF8.self))
            }
        }
        return results
    }

    @Test func replacesEveryOccurrence() {
        #expect(run(["hunter22"], ["pw=hunter22; again hunter22."]) == "pw=*****; again *****.")
    }

    @Test func leavesEverythingElseAlone() {
        let text = "no secrets here\r\n\u{1B}[31mred\u{1B}[0m \0 binary \u{FF}"
        #expect(run(["hunter22"], [text]) == text)
        #expect(run([], [text]) == text)
    }

    @Test func aValueSplitAcrossWritesIsStillMasked() {
        #expect(allSplits(["hunter22"], "a hunter22 b") == ["a ***** b"])
        #expect(allSplits(["s3cr3t!", "other-value"], "x s3cr3t!other-value y") == ["x ********** y"])
    }

    @Test func overlappingOccurrencesBecomeOneMask() {
        #expect(allSplits(["abcdef", "cdefgh"], "..abcdefgh..") == ["..*****.."])
        // A shorter value inside a longer one, and a longer one starting earlier.
        #expect(allSplits(["bcdefg", "abcdefgh"], "-abcdefgh-") == ["-*****-"])
        #expect(allSplits(["aaaaaa"], "aaaaaaaa") == ["*****"])
    }

    @Test func aFalseStartIsReleased() {
        #expect(allSplits(["hunter22"], "hunte hunter2 hunter22") == ["hunte hunter2 *****"])
        #expect(allSplits(["abcabd"], "abcabcabd") == ["abc*****"])
    }

    @Test func holdsOnlyWhatCouldStillMatch() {
        var filter = MaskFilter(values: [Array("hunter22".utf8)])
        var out: [UInt8] = []
        filter.feed(Array("log: hunt".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "log: ")
        #expect(filter.heldCount == 4)
        filter.feed(Array("ing\n".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "log: hunting\n")
        #expect(filter.heldCount == 0)
        // Never more than longest - 1 unmasked bytes.
        filter.feed(Array("hunter2".utf8), into: &out)
        #expect(filter.heldCount == 7)
    }

    @Test func theEndOfTheStreamReleasesHeldBytes() {
        #expect(run(["hunter22"], ["prompt: hunter2"]) == "prompt: hunter2")
    }

    @Test func valuesWithNewlinesAndBytesOutsideASCII() {
        let pem = "-----BEGIN KEY-----\nMIIEvQ==\n-----END KEY-----"
        #expect(run([pem], ["key:\n" + pem + "\n"]) == "key:\n*****\n")
        #expect(allSplits(["pässwörd"], "[pässwörd]") == ["[*****]"])
    }

    @Test func manyValues() {
        let values = (0..<200).map { "secret-value-\($0)-xyz" }
        let text = values.enumerated().filter { $0.offset % 7 == 0 }.map { "v=\($0.element);" }.joined()
        let expected = values.enumerated().filter { $0.offset % 7 == 0 }.map { _ in "v=*****;" }.joined()
        #expect(run(values, [text]) == expected)
    }
}
