import Foundation
import Runtime
import Testing
@testable import Tools

/// `prepareWorkdir` against temporary repositories; git's global config is
/// isolated by pointing HOME at the scratch folder.
@Suite struct WorktreeTests {
    private func repository(commit: Bool = true) async -> (Scratch, ToolBox) {
        let scratch = Scratch()
        let box = makeBox(home: scratch.root)
        var command = "git init -q repo"
        if commit { command += " && cd repo && echo hi > README && git add README && git -c user.name=t -c user.email=t@example.com commit -q -m init" }
        let made = await box.run("bash", ["command": command], in: scratch)
        #expect(made.status == .ok, "\(made.output)")
        return (scratch, box)
    }

    @Test func workspaceModeIsTheRootsRealPath() async throws {
        let scratch = Scratch()
        try FileManager.default.createSymbolicLink(atPath: scratch.path("alias"), withDestinationPath: scratch.root)
        let url = try await makeBox().prepareWorkdir(.workspace, workspaceRoot: URL(fileURLWithPath: scratch.path("alias")), worker: WorkerId(sequence: 1))
        #expect(url.path == scratch.root)
    }

    @Test func worktreeModeAddsABranchAndExcludesTheFolder() async throws {
        let (scratch, box) = await repository()
        let root = URL(fileURLWithPath: scratch.path("repo"))
        let worker = WorkerId(sequence: 7)
        let url = try await box.prepareWorkdir(.worktree, workspaceRoot: root, worker: worker)
        #expect(url.path == scratch.path("repo/.workerdeck/worktrees/worker-00000007"))
        #expect(scratch.read("repo/.workerdeck/worktrees/worker-00000007/README") == "hi\n")

        let again = try await box.prepareWorkdir(.worktree, workspaceRoot: root, worker: worker)
        #expect(again == url)
        let exclude = try #require(scratch.read("repo/.git/info/exclude"))
        #expect(exclude.split(separator: "\n").filter { $0 == ".workerdeck/" }.count == 1)

        let status = await box.run("bash", ["command": "git status --porcelain; git for-each-ref --format='%(refname:short)' refs/heads/workerdeck/"], in: Scratch.at(scratch.path("repo")))
        #expect(status.output == "workerdeck/worker-00000007\nexit 0\n")

        try await box.removeWorktree(workspaceRoot: root, worker: worker)
        try await box.removeWorktree(workspaceRoot: root, worker: worker)
        #expect(!scratch.exists("repo/.workerdeck/worktrees/worker-00000007"))
        let branches = await box.run("bash", ["command": "git for-each-ref refs/heads/workerdeck/"], in: Scratch.at(scratch.path("repo")))
        #expect(branches.output == "exit 0\n")
    }

    @Test func aFolderThatIsNotARepositoryIsAClearError() async {
        let scratch = Scratch()
        let box = makeBox(home: scratch.root)
        await #expect(throws: ToolSetupError("the workspace is not a git repository; worktree profiles need one")) {
            try await box.prepareWorkdir(.worktree, workspaceRoot: scratch.url, worker: WorkerId(sequence: 1))
        }
    }

    @Test func aRepositoryWithoutCommitsIsAClearError() async {
        let (scratch, box) = await repository(commit: false)
        await #expect(throws: ToolSetupError("the workspace's git repository has no commits yet; worktree profiles need one")) {
            try await box.prepareWorkdir(.worktree, workspaceRoot: URL(fileURLWithPath: scratch.path("repo")), worker: WorkerId(sequence: 1))
        }
    }
}

extension Scratch {
    /// An existing folder as a scratch value that does not own it.
    static func at(_ path: String) -> Scratch { Scratch(borrowing: path) }
}
