import Foundation
import Testing
@testable import Tools

@Suite struct WriteEditTests {
    @Test func writeCreatesFoldersAndCarriesADiff() async {
        let work = Scratch()
        let result = await makeBox().run("write", ["path": "src/new/a.txt", "content": "one\ntwo\n"], in: work)
        #expect(result.status == .ok)
        #expect(result.output == "created src/new/a.txt (2 lines, 8 bytes)\n")
        #expect(result.diff == "--- /dev/null\n+++ b/src/new/a.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n")
        #expect(work.read("src/new/a.txt") == "one\ntwo\n")

        let again = await makeBox().run("write", ["path": "src/new/a.txt", "content": "one\n2\n"], in: work)
        #expect(again.output == "wrote src/new/a.txt (2 lines, 6 bytes)\n")
        #expect(again.diff == "--- a/src/new/a.txt\n+++ b/src/new/a.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n")
    }

    @Test func writeRefusesMoreThanOneMiB() async {
        let work = Scratch()
        let result = await makeBox().run("write", ["path": "big.txt", "content": String(repeating: "x", count: 1024 * 1024 + 1)], in: work)
        #expect(result.status == .error)
        #expect(result.output == "invalid arguments for write: \"content\" is over 1 MiB (1048577 bytes)")
        #expect(!work.exists("big.txt"))
        let exact = await makeBox().run("write", ["path": "big.txt", "content": String(repeating: "x", count: 1024 * 1024)], in: work)
        #expect(exact.status == .ok)
    }

    @Test func editReplacesExactlyOneOccurrence() async {
        let work = Scratch()
        work.write("a.swift", "let a = 1\nlet b = 2\nlet c = 1\n")
        let box = makeBox()
        let twice = await box.run("edit", ["path": "a.swift", "old": "= 1", "new": "= 9"], in: work)
        #expect(twice.status == .error)
        #expect(twice.output == "\"old\" occurs 2 times in a.swift; nothing was changed (include more surrounding text to make it unique, or set replace_all)")
        let never = await box.run("edit", ["path": "a.swift", "old": "let d", "new": "x"], in: work)
        #expect(never.output == "\"old\" does not occur in a.swift; nothing was changed (read the file to copy the exact text)")
        #expect(work.read("a.swift") == "let a = 1\nlet b = 2\nlet c = 1\n")

        let once = await box.run("edit", ["path": "a.swift", "old": "b = 2", "new": "b = 3"], in: work)
        #expect(once.status == .ok)
        #expect(once.output == "edited a.swift (1 replacement)\n")
        #expect(once.diff == "--- a/a.swift\n+++ b/a.swift\n@@ -1,3 +1,3 @@\n let a = 1\n-let b = 2\n+let b = 3\n let c = 1\n")

        let all = await box.run("edit", ["path": "a.swift", "old": "= 1", "new": "= 0", "replace_all": true], in: work)
        #expect(all.output == "edited a.swift (2 replacements)\n")
        #expect(work.read("a.swift") == "let a = 0\nlet b = 3\nlet c = 0\n")
    }

    @Test func editKeepsCRLFLineEndings() async {
        let work = Scratch()
        work.write("dos.txt", "first\r\nsecond\r\nthird\r\n")
        let result = await makeBox().run("edit", ["path": "dos.txt", "old": "first\nsecond", "new": "first\nmiddle\nsecond"], in: work)
        #expect(result.status == .ok)
        #expect(work.read("dos.txt") == "first\r\nmiddle\r\nsecond\r\nthird\r\n")
        #expect(result.diff == "--- a/dos.txt\n+++ b/dos.txt\n@@ -1,3 +1,4 @@\n first\n+middle\n second\n third\n")
    }

    @Test func editRefusesBinaryAndMissingFiles() async {
        let work = Scratch()
        work.write("b.bin", [0, 1, 2])
        #expect(await makeBox().run("edit", ["path": "b.bin", "old": "a", "new": "b"], in: work).status == .error)
        #expect(await makeBox().run("edit", ["path": "none.txt", "old": "a", "new": "b"], in: work).output == "no such file: none.txt")
    }
}
