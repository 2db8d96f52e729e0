import Foundation
import Testing
@testable import Tools

@Suite struct ListGrepTests {
    private func tree() -> Scratch {
        let work = Scratch()
        work.write("b.txt", "beta\n")
        work.write("a/x.swift", "let x = 1\nlet needle = 2\n")
        work.write("a/y.md", "a needle in markdown\n")
        work.write("a/deep/z.swift", "needle()\n")
        work.write(".git/config", "needle in git\n")
        work.write("bin.dat", [0x6E, 0x65, 0x65, 0x64, 0x6C, 0x65, 0x00])
        return work
    }

    @Test func listsRecursivelySortedWithFolderSlashesSkippingGit() async {
        let work = tree()
        let all = await makeBox().run("list", [:], in: work)
        #expect(all.output == "a/\na/deep/\na/deep/z.swift\na/x.swift\na/y.md\nb.txt\nbin.dat\n")
        let swift = await makeBox().run("list", ["glob": "*.swift"], in: work)
        #expect(swift.output == "a/deep/z.swift\na/x.swift\n")
        let under = await makeBox().run("list", ["path": "a", "glob": "deep/*"], in: work)
        #expect(under.output == "a/deep/z.swift\n")
        let none = await makeBox().run("list", ["glob": "*.rs"], in: work)
        #expect(none.output == "(nothing under . matches the glob)\n")
    }

    @Test func listStopsAtOneThousandEntries() async {
        let work = Scratch()
        for index in 0..<1_005 { work.write(String(format: "f%04d", index), "") }
        let result = await makeBox().run("list", [:], in: work)
        #expect(result.truncated)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1_001)
        #expect(lines[999] == "f0999")
        #expect(lines[1000] == "[stopped at 1000 entries; narrow the listing with path or glob]")
    }

    @Test func grepFindsLiteralTextSkippingBinaryAndGit() async {
        let work = tree()
        let result = await makeBox().run("grep", ["pattern": "needle"], in: work)
        #expect(result.output == "a/deep/z.swift:1: needle()\na/x.swift:2: let needle = 2\na/y.md:1: a needle in markdown\n")
        let globbed = await makeBox().run("grep", ["pattern": "needle", "glob": "*.md"], in: work)
        #expect(globbed.output == "a/y.md:1: a needle in markdown\n")
        let literal = await makeBox().run("grep", ["pattern": "x = 1|needle("], in: work)
        #expect(literal.output == "(no matches)\n")
        let oneFile = await makeBox().run("grep", ["pattern": "let", "path": "a/x.swift"], in: work)
        #expect(oneFile.output == "a/x.swift:1: let x = 1\na/x.swift:2: let needle = 2\n")
    }

    @Test func grepMatchesRegularExpressions() async {
        let work = tree()
        let result = await makeBox().run("grep", ["pattern": "^let [a-z]+ = [0-9]$", "regex": true], in: work)
        #expect(result.output == "a/x.swift:1: let x = 1\na/x.swift:2: let needle = 2\n")
        let bad = await makeBox().run("grep", ["pattern": "(unclosed", "regex": true], in: work)
        #expect(bad.status == .error)
        #expect(bad.output == "invalid regular expression: \"(unclosed\"")
    }

    @Test func grepStopsAtFiveHundredMatchesAndSixtyFourKiB() async {
        let work = Scratch()
        work.write("many.txt", String(repeating: "hit\n", count: 700))
        let many = await makeBox().run("grep", ["pattern": "hit"], in: work)
        #expect(many.truncated)
        let lines = many.output.split(separator: "\n")
        #expect(lines.count == 501)
        #expect(lines[499] == "many.txt:500: hit")
        #expect(lines[500].hasPrefix("[stopped at 500 matches"))

        work.write("wide.txt", String(repeating: "hit" + String(repeating: "é", count: 300) + "\n", count: 400))
        let wide = await makeBox().run("grep", ["pattern": "hit", "path": "wide.txt"], in: work)
        #expect(wide.truncated)
        let kept = wide.output.split(separator: "\n").dropLast()
        #expect(kept.count < 400)
        #expect(kept.joined(separator: "\n").utf8.count <= 64 * 1024)
        #expect(!wide.output.contains("\u{FFFD}"))
    }
}
