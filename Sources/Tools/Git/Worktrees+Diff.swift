import Foundation
import Runtime

/// The diff view of a worker's directory (tools.md, Seeing what workers
/// did). Only reads: nothing here makes a worktree, stages or writes.
extension Worktrees {
    /// Untracked files shown as new-file diffs, at most: each costs a git
    /// run, and past this many the operator learns more from their names.
    static let maxUntrackedDiffs = 200

    /// Options every diff here runs with: no colour, and no program the
    /// repository's config could name (external diff, textconv, fsmonitor).
    private static let diffOptions = ["--no-color", "--no-ext-diff", "--no-textconv"]

    /// `mode` nil (the worker's profile is not known here any more): its
    /// worktree when it has one, else the workspace.
    func diff(_ worker: WorkerId, mode: WorkdirMode?, limit: Int) async throws(ToolSetupError) -> WorkdirDiff {
        try checkName(worker)
        guard try await git.run(["-C", root, "rev-parse", "--show-toplevel"]).succeeded else {
            throw ToolSetupError("the workspace is not a git repository, so there is no diff to show")
        }
        let path = path(of: worker)
        let hasWorktree = FileIO.kind(path) == .directory
        switch mode ?? (hasWorktree ? .worktree : .workspace) {
        case .workspace:
            // A repository without commits yet: everything is new.
            let head = try await git.run(["-C", root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
            let base: String
            if head.succeeded { base = head.line } else { base = try await emptyTree() }
            return try await collect(in: root, against: base, name: "workspace", limit: limit)
        case .worktree:
            guard hasWorktree, let real = Workdir.realPath(path) else {
                throw ToolSetupError("this worker has no worktree yet (it is made when the worker first starts)")
            }
            let top = try await git.run(["-C", real, "rev-parse", "--show-toplevel"])
            guard top.succeeded, Workdir.realPath(top.line) == real else {
                throw ToolSetupError("the worker's worktree folder exists but is not a git worktree")
            }
            // The fork point: where the worker's branch left the workspace's.
            let workspaceHead = try await git.run(["-C", root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
            let forked = try await git.run(["-C", real, "merge-base", "HEAD", workspaceHead.line])
            guard workspaceHead.succeeded, forked.succeeded, !forked.line.isEmpty else {
                throw ToolSetupError("could not find the commit the worktree's branch started from")
            }
            return try await collect(in: real, against: forked.line, name: "worktree " + worker.rawValue, limit: limit)
        }
    }

    /// Tracked changes against `base` (committed since and uncommitted),
    /// then each untracked, not ignored file as a new file; `.workerdeck/`
    /// (the worktrees themselves) left out.
    private func collect(in directory: String, against base: String, name: String, limit: Int) async throws(ToolSetupError) -> WorkdirDiff {
        let scope = ["--", ".", ":(exclude).workerdeck"]
        var out = try await git.runCapped(["-C", directory, "-c", "core.fsmonitor=false", "diff"] + Self.diffOptions
                                          + ["--relative", base] + scope, limit: limit)
        guard out.status == 0 || out.truncated else { throw ToolSetupError("git diff failed: " + scrubbed(out.standardError)) }
        var bytes = out.bytes
        var truncated = out.truncated
        if !truncated {
            out = try await git.runCapped(["-C", directory, "-c", "core.fsmonitor=false", "ls-files", "-z", "--others",
                                           "--exclude-standard"] + scope, limit: 1 << 20)
            guard out.status == 0 || out.truncated else { throw ToolSetupError("git ls-files failed: " + scrubbed(out.standardError)) }
            // A cut list ends in a partial name: drop it.
            var names = out.bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if out.truncated, !names.isEmpty { names.removeLast() }
            truncated = out.truncated
            for (index, file) in names.sorted().enumerated() {
                guard index < Self.maxUntrackedDiffs else {
                    bytes += Array("… and \(names.count - index) more untracked files\n".utf8)
                    truncated = true
                    break
                }
                let remaining = limit - bytes.count
                guard remaining > 0 else { truncated = true; break }
                // Exits 1 when the files differ, which a new file always does.
                let added = try await git.runCapped(["-C", directory, "diff"] + Self.diffOptions
                                                    + ["--no-index", "--", "/dev/null", file], limit: remaining)
                guard added.status == 0 || added.status == 1 || added.truncated else {
                    throw ToolSetupError("git diff failed: " + scrubbed(added.standardError))
                }
                bytes += added.bytes
                if added.truncated { truncated = true; break }
            }
        }
        // A cut diff ends at its last whole line, never inside a character.
        if truncated, let end = bytes.lastIndex(of: UInt8(ascii: "\n")) { bytes.removeSubrange((end + 1)...) }
        else if truncated { bytes = [] }
        return WorkdirDiff(directory: name, diff: String(decoding: bytes, as: UTF8.self), truncated: truncated)
    }

    /// The empty tree's id in this repository's hash.
    private func emptyTree() async throws(ToolSetupError) -> String {
        let tree = try await git.run(["-C", root, "hash-object", "-t", "tree", "/dev/null"])
        guard tree.succeeded, !tree.line.isEmpty else { throw ToolSetupError("git could not name the empty tree") }
        return tree.line
    }
}
