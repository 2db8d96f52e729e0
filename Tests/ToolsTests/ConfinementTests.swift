import Foundation
import Runtime
import Testing
@testable import Tools

/// quality.md R13, paths: `..`, absolute and symlinked paths (also a symlink
/// made by bash between calls) are refused and never touched.
@Suite struct ConfinementTests {
    static let denied = "denied: outside the worker's directory"

    /// A workdir inside a parent that holds a file the worker must not reach.
    private func setUp() -> (parent: Scratch, work: Scratch) {
        let parent = Scratch()
        parent.write("secret.txt", "top secret\n")
        let work = Scratch()
        return (parent, work)
    }

    @Test func dotDotEscapesAreDenied() async {
        let (parent, work) = setUp()
        let box = makeBox()
        let relative = "../" + (parent.root as NSString).lastPathComponent + "/secret.txt"
        for (tool, arguments) in [
            ("read", ["path": relative]),
            ("read", ["path": "a/../../x"]),
            ("write", ["path": "../escaped.txt", "content": "x"]),
            ("write", ["path": "new/../../escaped.txt", "content": "x"]),
            ("edit", ["path": relative, "old": "top", "new": "bottom"]),
            ("list", ["path": ".."]),
            ("grep", ["pattern": "secret", "path": ".."]),
        ] as [(String, [String: Any])] {
            let result = await box.run(tool, arguments, in: work)
            #expect(result.status == .denied, "\(tool) \(arguments)")
            #expect(result.output == Self.denied)
        }
        #expect(parent.read("secret.txt") == "top secret\n")
        #expect(!FileManager.default.fileExists(atPath: (work.root as NSString).deletingLastPathComponent + "/escaped.txt"))
    }

    @Test func absolutePathsOutsideAreDeniedAndInsideAreShownRelative() async {
        let (parent, work) = setUp()
        let box = makeBox()
        #expect(await box.run("read", ["path": parent.path("secret.txt")], in: work).status == .denied)
        #expect(await box.run("write", ["path": "/etc/workerdeck-test", "content": "x"], in: work).status == .denied)
        #expect(await box.run("list", ["path": "/"], in: work).status == .denied)

        work.write("in.txt", "inside\n")
        let inside = await box.run("read", ["path": work.path("in.txt")], in: work)
        #expect(inside.status == .ok)
        let missing = await box.run("read", ["path": work.path("nope.txt")], in: work)
        #expect(missing.output == "no such file: nope.txt")
        #expect(!missing.output.contains(work.root))
    }

    @Test func symlinksPointingOutsideAreDenied() async throws {
        let (parent, work) = setUp()
        let box = makeBox()
        try FileManager.default.createSymbolicLink(atPath: work.path("link.txt"), withDestinationPath: parent.path("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: work.path("out"), withDestinationPath: parent.root)
        try FileManager.default.createSymbolicLink(atPath: work.path("dangling"), withDestinationPath: parent.path("not-yet.txt"))

        #expect(await box.run("read", ["path": "link.txt"], in: work).status == .denied)
        #expect(await box.run("read", ["path": "out/secret.txt"], in: work).status == .denied)
        #expect(await box.run("write", ["path": "out/new.txt", "content": "x"], in: work).status == .denied)
        #expect(await box.run("write", ["path": "link.txt", "content": "overwritten"], in: work).status == .denied)
        #expect(await box.run("write", ["path": "dangling", "content": "created?"], in: work).status == .denied)
        #expect(await box.run("edit", ["path": "link.txt", "old": "top", "new": "x"], in: work).status == .denied)
        #expect(parent.read("secret.txt") == "top secret\n")
        #expect(!parent.exists("new.txt"))
        #expect(!parent.exists("not-yet.txt"))

        // The walk lists the links but does not follow them.
        let listing = await box.run("list", [:], in: work)
        #expect(listing.output == "dangling\nlink.txt\nout\n")
        let grep = await box.run("grep", ["pattern": "secret"], in: work)
        #expect(grep.output == "(no matches)\n")
    }

    @Test func aSymlinkMadeByBashIsSeenByTheNextCall() async {
        let (parent, work) = setUp()
        let box = makeBox()
        work.write("notes.txt", "mine\n")
        #expect(await box.run("read", ["path": "notes.txt"], in: work).status == .ok)

        let made = await box.run("bash", ["command": "rm notes.txt && ln -s '\(parent.path("secret.txt"))' notes.txt"], in: work)
        #expect(made.status == .ok)
        #expect(await box.run("read", ["path": "notes.txt"], in: work).status == .denied)
        #expect(await box.run("write", ["path": "notes.txt", "content": "pwned\n"], in: work).status == .denied)
        #expect(parent.read("secret.txt") == "top secret\n")
    }

    /// Outputs name files as the model did (or relative to the directory),
    /// never with the directory's absolute path, even when given one.
    @Test func outputsNeverShowTheDirectorysAbsolutePath() async {
        let work = Scratch()
        work.write("a/b.txt", "needle\n")
        work.write("bin.dat", [0, 1])
        let box = makeBox()
        let calls: [(String, [String: Any])] = [
            ("read", ["path": work.path("a/missing.txt")]),
            ("read", ["path": work.path("bin.dat")]),
            ("read", ["path": work.path("a")]),
            ("list", ["path": work.path("a")]),
            ("grep", ["pattern": "needle", "path": work.path("a")]),
            ("write", ["path": work.path("a/c.txt"), "content": "new\n"]),
            ("edit", ["path": work.path("a/b.txt"), "old": "absent", "new": "x"]),
            ("edit", ["path": work.path("a/b.txt"), "old": "needle", "new": "pin"]),
        ]
        for (tool, arguments) in calls {
            let result = await box.run(tool, arguments, in: work)
            #expect(!result.output.contains(work.root), "\(tool): \(result.output)")
            #expect(!(result.diff ?? "").contains(work.root), "\(tool): \(result.diff ?? "")")
        }
        #expect(await box.run("list", ["path": work.path("a")], in: work).output == "a/b.txt\na/c.txt\n")
    }

    @Test func resolutionKeepsNewPathsInsideTheRealWorkdir() throws {
        let work = Scratch()
        let workdir = try Workdir(work.url)
        #expect(try workdir.resolve("a/b/c.txt") == ResolvedPath(real: work.path("a/b/c.txt"), display: "a/b/c.txt", exists: false))
        #expect(try workdir.resolve("./x/./y") == ResolvedPath(real: work.path("x/y"), display: "./x/./y", exists: false))
        #expect(try workdir.resolve(".") == ResolvedPath(real: work.root, display: ".", exists: true))
        #expect(throws: ToolFailure.denied) { try workdir.resolve("x/../../y") }
        #expect(throws: ToolFailure.error("the path is empty")) { try workdir.resolve("") }
    }
}
