import Foundation
import Runtime

extension ToolBox {
    /// tools.md, Working directory: the workspace root's real path, or the
    /// worker's worktree under `.workerdeck/worktrees/<worker id>` (made with
    /// `git worktree add -b workerdeck/<worker id>` when missing; `.workerdeck/`
    /// is added to the repository's `info/exclude` once). Messages never hold
    /// a path.
    public func prepareWorkdir(_ mode: WorkdirMode, workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) -> URL {
        guard let root = Workdir.realPath(workspaceRoot.standardizedFileURL.path) else {
            throw ToolSetupError("the workspace folder is not available")
        }
        switch mode {
        case .workspace:
            return URL(fileURLWithPath: root, isDirectory: true)
        case .worktree:
            let worktrees = try worktrees(root: root)
            return URL(fileURLWithPath: try await worktrees.prepare(worker), isDirectory: true)
        }
    }

    /// Removes a worker's worktree (`git worktree remove --force`) and its
    /// branch (`git branch -D`). Safe to repeat: what is already gone is skipped.
    public func removeWorktree(workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) {
        guard let root = Workdir.realPath(workspaceRoot.standardizedFileURL.path) else {
            throw ToolSetupError("the workspace folder is not available")
        }
        try await worktrees(root: root).remove(worker)
    }

    private func worktrees(root: String) throws(ToolSetupError) -> Worktrees {
        guard let git = Git(environment: environment) else {
            throw ToolSetupError("git is not installed; worktree profiles need it")
        }
        return Worktrees(git: git, root: root)
    }
}
