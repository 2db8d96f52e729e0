import Foundation
import Runtime

extension ToolBox {
    /// tools.md, Seeing what workers did: `git diff` of a worker's directory
    /// (for a worktree, against the commit its branch forked from), with
    /// untracked files as new files, cut at `limit` bytes. Git runs with an
    /// argv, never a shell, and only reads. `mode` nil: the worker's
    /// worktree when it has one, else the workspace. Messages never hold a path.
    public func workdirDiff(_ mode: WorkdirMode?, workspaceRoot: URL, worker: WorkerId,
                            limit: Int = WorkdirDiff.defaultLimit) async throws(ToolSetupError) -> WorkdirDiff {
        guard let root = Workdir.realPath(workspaceRoot.standardizedFileURL.path) else {
            throw ToolSetupError("the workspace folder is not available")
        }
        guard let git = Git(environment: environment) else {
            throw ToolSetupError("git is not installed; the diff view needs it")
        }
        return try await Worktrees(git: git, root: root).diff(worker, mode: mode, limit: max(1, limit))
    }
}
