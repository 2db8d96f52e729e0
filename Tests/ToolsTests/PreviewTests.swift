import Foundation
import Runtime
import Testing
@testable import Tools

/// The review of a call that asks shows what it would do, and previewing
/// changes nothing on disk.
@Suite struct PreviewTests {
    func workspace(_ scratch: Scratch) -> ToolWorkspace { ToolWorkspace(directory: scratch.url) }

    @Test func anEditPreviewIsTheDiffItWouldMakeAndTouchesNothing() async {
        let work = Scratch()
        work.write("README.md", "teh cat\nsat\n")
        let preview = await makeBox().preview(call("edit", ["path": "README.md", "old": "teh", "new": "the"]), in: workspace(work))
        #expect(preview?.diff == "--- a/README.md\n+++ b/README.md\n@@ -1,2 +1,2 @@\n-teh cat\n+the cat\n sat\n")
        #expect(work.read("README.md") == "teh cat\nsat\n")
        // The call itself then makes exactly that change.
        let result = await makeBox().run("edit", ["path": "README.md", "old": "teh", "new": "the"], in: work)
        #expect(result.diff == preview?.diff)
        #expect(work.read("README.md") == "the cat\nsat\n")
    }

    @Test func aWritePreviewCreatesNoFolderAndNoFile() async {
        let work = Scratch()
        let preview = await makeBox().preview(call("write", ["path": "new/dir/a.txt", "content": "x\n"]), in: workspace(work))
        #expect(preview?.diff == "--- /dev/null\n+++ b/new/dir/a.txt\n@@ -0,0 +1 @@\n+x\n")
        #expect(!work.exists("new"))
    }

    @Test func bashShowsTheCommandAndTheDirectoryByName() async {
        let work = Scratch()
        let preview = await makeBox().preview(call("bash", ["command": "make test"]), in: workspace(work))
        #expect(preview == ApprovalPreview(command: "make test", directory: "workspace"))
        let tree = URL(fileURLWithPath: work.root + "/.workerdeck/worktrees/worker-00000002")
        #expect(ToolBox.directoryName(tree) == "worktree worker-00000002")
    }

    @Test func callsThatCannotRunHaveNoPreview() async {
        let work = Scratch()
        let outside = await makeBox().preview(call("edit", ["path": "../x", "old": "a", "new": "b"]), in: workspace(work))
        #expect(outside == nil)
        let bad = await makeBox().preview(ToolCallRequest(callId: "c", tool: "edit", arguments: "{not json"), in: workspace(work))
        #expect(bad == nil)
        #expect(await makeBox().preview(call("read", ["path": "a"]), in: workspace(work)) == nil)
    }
}
