import Foundation
import Testing
@testable import Tools

@Suite struct ReadTests {
    @Test func numbersLinesFromOffsetForLimit() async {
        let work = Scratch()
        work.write("a.txt", "one\ntwo\nthree\nfour\n")
        let box = makeBox()
        let all = await box.run("read", ["path": "a.txt"], in: work)
        #expect(all.status == .ok)
        #expect(all.output == "     1\tone\n     2\ttwo\n     3\tthree\n     4\tfour\n")
        #expect(!all.truncated)
        let part = await box.run("read", ["path": "a.txt", "offset": 2, "limit": 2], in: work)
        #expect(part.output == "     2\ttwo\n     3\tthree\n[showed lines 2–3 of 4; continue with offset 4]\n")
        #expect(!part.truncated)
        let huge = await box.run("read", ["path": "a.txt", "offset": 4, "limit": Int.max], in: work)
        #expect(huge.output == "     4\tfour\n")
        let past = await box.run("read", ["path": "a.txt", "offset": 9], in: work)
        #expect(past.status == .error)
        #expect(past.output == "offset 9 is past the end of a.txt (4 lines)")
    }

    @Test func crlfFilesReadWithoutCarriageReturns() async {
        let work = Scratch()
        work.write("dos.txt", "alpha\r\nbeta\r\nno newline")
        let result = await makeBox().run("read", ["path": "dos.txt"], in: work)
        #expect(result.output == "     1\talpha\n     2\tbeta\n     3\tno newline\n")
    }

    @Test func capsAtTwoThousandLines() async {
        let work = Scratch()
        work.write("long.txt", (1...2500).map { "line \($0)" }.joined(separator: "\n") + "\n")
        let result = await makeBox().run("read", ["path": "long.txt"], in: work)
        #expect(result.truncated)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2001)
        #expect(lines[1999] == "  2000\tline 2000")
        #expect(lines[2000] == "[showed lines 1–2000 of 2500; continue with offset 2001]")
        let next = await makeBox().run("read", ["path": "long.txt", "offset": 2001], in: work)
        #expect(!next.truncated)
        #expect(next.output.hasPrefix("  2001\tline 2001\n"))
        #expect(next.output.hasSuffix("  2500\tline 2500\n"))
    }

    @Test func capsAtSixtyFourKiBWithoutSplittingCharacters() async {
        let work = Scratch()
        // 1,000 lines of 100 bytes: the cap falls in the middle.
        work.write("wide.txt", String(repeating: String(repeating: "x", count: 99) + "\n", count: 1000))
        let wide = await makeBox().run("read", ["path": "wide.txt"], in: work)
        #expect(wide.truncated)
        let shown = wide.output.split(separator: "\n").dropLast()
        #expect(shown.joined(separator: "\n").utf8.count <= 64 * 1024)
        #expect(wide.output.contains("; continue with offset \(shown.count + 1)]"))

        // One line of 2-byte characters longer than the cap, at an odd offset.
        work.write("accents.txt", "x" + String(repeating: "é", count: 40_000) + "\n")
        let accents = await makeBox().run("read", ["path": "accents.txt"], in: work)
        #expect(accents.truncated)
        #expect(!accents.output.contains("\u{FFFD}"))
        let body = accents.output.split(separator: "\n")[0]
        #expect(body.utf8.count <= 64 * 1024)
        #expect(body.hasSuffix("é"))
        #expect(accents.output.contains("is longer than 64 KiB and was cut"))
    }

    @Test func binaryFilesAreRefused() async {
        let work = Scratch()
        work.write("nul.bin", [0x41, 0x00, 0x42])
        work.write("latin1.txt", [0x63, 0x61, 0x66, 0xE9, 0x0A]) // "café" in Latin-1: not UTF-8
        let box = makeBox()
        let nul = await box.run("read", ["path": "nul.bin"], in: work)
        #expect(nul == .init(callId: "call_1", status: .error, output: "nul.bin is a binary file; read shows text files only"))
        #expect(await box.run("read", ["path": "latin1.txt"], in: work).status == .error)
        #expect(await box.run("read", ["path": "."], in: work).output == ". is a directory")
    }

    @Test func emptyFileSaysSo() async {
        let work = Scratch()
        work.write("empty.txt", "")
        #expect(await makeBox().run("read", ["path": "empty.txt"], in: work).output == "(empty.txt is empty)")
    }
}
