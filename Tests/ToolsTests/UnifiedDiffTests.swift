import Foundation
import Testing
@testable import Tools

@Suite struct UnifiedDiffTests {
    @Test func hunksKeepThreeLinesOfContextAndSplitWhenFarApart() {
        let old = (1...20).map { "l\($0)\n" }.joined()
        var newLines = (1...20).map { "l\($0)\n" }
        newLines[1] = "two\n"
        newLines[17] = "eighteen\n"
        let diff = UnifiedDiff.make(old: old, new: newLines.joined(), path: "f")
        #expect(diff == """
            --- a/f
            +++ b/f
            @@ -1,5 +1,5 @@
             l1
            -l2
            +two
             l3
             l4
             l5
            @@ -15,6 +15,6 @@
             l15
             l16
             l17
            -l18
            +eighteen
             l19
             l20

            """)
        #expect(UnifiedDiff.make(old: old, new: old, path: "f") == nil)
    }

    @Test func marksAMissingNewlineAtTheEnd() {
        #expect(UnifiedDiff.make(old: "a\nb", new: "a\nb\n", path: "f") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")
        #expect(UnifiedDiff.make(old: "x\n", new: "", path: "f") == "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-x\n")
    }

    /// The same hunks as `git diff --no-index` for a few edits.
    @Test(arguments: [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "0\n1\n2\n3\n5\n6\n7\n8\n9\n10\n11\n"),
        ("keep\n", "keep\nmore\nlines\n"),
        ("x\ny\nz", "x\ny\nz\n"),
        ((1...30).map { "line \($0)\n" }.joined(), (1...30).map { $0 % 10 == 0 ? "changed \($0)\n" : "line \($0)\n" }.joined()),
    ])
    func matchesGitDiff(old: String, new: String) async throws {
        let work = Scratch()
        work.write("old", old)
        work.write("new", new)
        let git = await makeBox().run("bash", ["command": "git diff --no-index --no-color old new; true"], in: work)
        guard let gitHunks = git.output.range(of: "@@") else {
            Issue.record("git printed no hunk: \(git.output)"); return
        }
        // git adds a "function" line after a hunk header (`@@ -7,7 +7,7 @@ line 6`); we do not.
        let expected = String(git.output[gitHunks.lowerBound...]).replacingOccurrences(of: "exit 0\n", with: "")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("@@ ") ? $0[..<$0.range(of: " @@")!.upperBound] : $0 }
            .joined(separator: "\n")
        let ours = try #require(UnifiedDiff.make(old: old, new: new, path: "f"))
        let ourHunks = ours[ours.range(of: "@@")!.lowerBound...]
        #expect(String(ourHunks) == expected)
    }
}

@Suite struct HeadTailBufferTests {
    @Test func keepsHeadAndTailAndCountsWhatItDropped() {
        var buffer = HeadTailBuffer(headLimit: 4, tailLimit: 4)
        buffer.append(Array("0123".utf8))
        #expect(buffer.text == "0123")
        buffer.append(Array("45".utf8))
        #expect(buffer.text == "012345")
        for _ in 0..<100 { buffer.append(Array("abcdefgh".utf8)) }
        buffer.append(Array("WXYZ".utf8))
        #expect(buffer.totalBytes == 810)
        #expect(buffer.text == "0123\n… 802 bytes omitted\nWXYZ")
        #expect(buffer.isTruncated)
    }

    @Test func neverSplitsACharacterAtEitherCut() {
        var buffer = HeadTailBuffer(headLimit: 5, tailLimit: 5)
        buffer.append(Array(String(repeating: "é", count: 20).utf8))
        #expect(buffer.text == "éé\n… 32 bytes omitted\néé")
    }
}
