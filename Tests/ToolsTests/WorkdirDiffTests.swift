import Foundation
import Runtime
import Testing
@testable import Tools

/// The diff view's git run (tools.md, Seeing what workers did) against
/// temporary repositories; HOME points at the scratch folder so no global
/// git config applies.
@Suite struct WorkdirDiffTests {
    static let commit = "git -c user.name=t -c user.email=t@example.com commit -q"

    /// `repo` with README ("hi") and a .gitignore of `*.log`, committed.
    private func repository() async -> (Scratch, ToolBox, URL) {
        let scratch = Scratch()
        let box = makeBox(home: scratch.root)
        let made = await box.run("bash", ["command": "git init -q repo && cd repo && echo hi > README && echo '*.log' > .gitignore"
                                          + " && git add . && \(Self.commit) -m init"], in: scratch)
        #expect(made.status == .ok, "\(made.output)")
        return (scratch, box, URL(fileURLWithPath: scratch.path("repo")))
    }

    private func sh(_ box: ToolBox, _ command: String, in scratch: Scratch) async {
        let done = await box.run("bash", ["command": command], in: scratch)
        #expect(done.status == .ok, "\(done.output)")
    }

    @Test func theWorkspaceAgainstHeadWithUntrackedFilesAsNewFiles() async throws {
        let (scratch, box, root) = await repository()
        await sh(box, "cd repo && echo hello > README && echo fresh > new.txt && echo noise > build.log", in: scratch)
        let diff = try await box.workdirDiff(.workspace, workspaceRoot: root, worker: WorkerId(sequence: 1))
        #expect(diff.directory == "workspace" && !diff.truncated)
        #expect(diff.diff.contains("--- a/README\n+++ b/README\n@@ -1 +1 @@\n-hi\n+hello\n"))
        #expect(diff.diff.contains("diff --git a/new.txt b/new.txt\nnew file mode 100644\n"))
        #expect(diff.diff.contains("+++ b/new.txt\n@@ -0,0 +1 @@\n+fresh\n"))
        // Ignored files stay out; no path of this machine gets in.
        #expect(!diff.diff.contains("build.log") && !diff.diff.contains(scratch.root))
    }

    @Test func nothingChangedIsAnEmptyDiff() async throws {
        let (scratch, box, root) = await repository()
        let diff = try await box.workdirDiff(.workspace, workspaceRoot: root, worker: WorkerId(sequence: 1))
        #expect(diff == WorkdirDiff(directory: "workspace", diff: ""))
        withExtendedLifetime(scratch) {}
    }

    /// Commits on the worker's branch and uncommitted changes show; what
    /// the workspace's branch did after the fork does not.
    @Test func aWorktreeAgainstTheCommitItsBranchForkedFrom() async throws {
        let (scratch, box, root) = await repository()
        let worker = WorkerId(sequence: 7)
        _ = try await box.prepareWorkdir(.worktree, workspaceRoot: root, worker: worker)
        await sh(box, "cd repo/.workerdeck/worktrees/worker-00000007 && echo committed >> README && \(Self.commit) -am work"
                 + " && echo uncommitted >> README && echo created > made.txt", in: scratch)
        await sh(box, "cd repo && echo later > main-only.txt && git add . && \(Self.commit) -m later", in: scratch)

        let diff = try await box.workdirDiff(.worktree, workspaceRoot: root, worker: worker)
        #expect(diff.directory == "worktree worker-00000007" && !diff.truncated)
        #expect(diff.diff.contains("@@ -1 +1,3 @@\n hi\n+committed\n+uncommitted\n"))
        #expect(diff.diff.contains("+++ b/made.txt\n@@ -0,0 +1 @@\n+created\n"))
        #expect(!diff.diff.contains("main-only") && !diff.diff.contains(scratch.root))

        // A profile no longer known: the worktree, since the worker has one.
        #expect(try await box.workdirDiff(nil, workspaceRoot: root, worker: worker) == diff)
        // The workspace's own diff leaves the worktrees out.
        #expect(try await box.workdirDiff(.workspace, workspaceRoot: root, worker: worker).diff == "")
    }

    @Test func aWorktreeNotMadeYetIsAClearError() async {
        let (scratch, box, root) = await repository()
        await #expect(throws: ToolSetupError("this worker has no worktree yet (it is made when the worker first starts)")) {
            try await box.workdirDiff(.worktree, workspaceRoot: root, worker: WorkerId(sequence: 3))
        }
        withExtendedLifetime(scratch) {}
    }

    @Test func aFolderThatIsNotARepositoryIsAClearError() async {
        let scratch = Scratch()
        scratch.write("notes.txt", "x\n")
        await #expect(throws: ToolSetupError("the workspace is not a git repository, so there is no diff to show")) {
            try await makeBox(home: scratch.root).workdirDiff(.workspace, workspaceRoot: scratch.url, worker: WorkerId(sequence: 1))
        }
    }

    /// Past the limit git is stopped and the diff ends at its last whole line.
    @Test func aLargeDiffIsCutAtALineEnd() async throws {
        let (scratch, box, root) = await repository()
        scratch.write("repo/big.txt", (1...5_000).map { "line \($0) ünïcode\n" }.joined())
        for i in 1...3 { scratch.write("repo/more-\(i).txt", "more\n") }
        let diff = try await box.workdirDiff(.workspace, workspaceRoot: root, worker: WorkerId(sequence: 1), limit: 4_096)
        #expect(diff.truncated)
        #expect(diff.diff.utf8.count <= 4_096 && diff.diff.utf8.count > 3_000)
        #expect(diff.diff.hasSuffix("\n") && diff.diff.hasPrefix("diff --git a/big.txt b/big.txt\n"))
        #expect(!diff.diff.contains("more-"))

        // Uncut, the same directory is whole.
        let whole = try await box.workdirDiff(.workspace, workspaceRoot: root, worker: WorkerId(sequence: 1))
        #expect(!whole.truncated && whole.diff.contains("+line 5000 ünïcode\n") && whole.diff.contains("+++ b/more-3.txt"))
    }

    /// A repository with no commit yet: everything is new.
    @Test func aRepositoryWithoutCommitsDiffsAgainstTheEmptyTree() async throws {
        let scratch = Scratch()
        let box = makeBox(home: scratch.root)
        await sh(box, "git init -q repo && cd repo && echo staged > a.txt && git add a.txt && echo loose > b.txt", in: scratch)
        let diff = try await box.workdirDiff(.workspace, workspaceRoot: URL(fileURLWithPath: scratch.path("repo")),
                                             worker: WorkerId(sequence: 1))
        #expect(diff.diff.contains("+++ b/a.txt\n@@ -0,0 +1 @@\n+staged\n") && diff.diff.contains("+++ b/b.txt\n@@ -0,0 +1 @@\n+loose\n"))
    }
}
