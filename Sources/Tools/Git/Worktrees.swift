import Foundation
import Runtime

/// Worker worktrees of one workspace repository.
struct Worktrees: Sendable {
    let git: Git
    /// The workspace root's real path.
    let root: String

    func path(of worker: WorkerId) -> String { root + "/.workerdeck/worktrees/" + worker.rawValue }
    func branch(of worker: WorkerId) -> String { "workerdeck/" + worker.rawValue }

    /// The worktree's real path, made when missing.
    func prepare(_ worker: WorkerId) async throws(ToolSetupError) -> String {
        try checkName(worker)
        guard try await git.run(["-C", root, "rev-parse", "--show-toplevel"]).succeeded else {
            throw ToolSetupError("the workspace is not a git repository; worktree profiles need one")
        }
        try await ensureExcluded()
        let path = path(of: worker)
        if FileIO.kind(path) == .directory, let real = Workdir.realPath(path) {
            let top = try await git.run(["-C", real, "rev-parse", "--show-toplevel"])
            guard top.succeeded, Workdir.realPath(top.line) == real else {
                throw ToolSetupError("the worker's worktree folder exists but is not a git worktree; remove it or archive the worker")
            }
            return real
        }
        guard try await git.run(["-C", root, "rev-parse", "--verify", "--quiet", "HEAD"]).succeeded else {
            throw ToolSetupError("the workspace's git repository has no commits yet; worktree profiles need one")
        }
        // A worktree folder deleted by hand is still registered until pruned.
        _ = try await git.run(["-C", root, "worktree", "prune"])
        let branch = branch(of: worker)
        let branchExists = try await git.run(["-C", root, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch]).succeeded
        let add = branchExists ? ["worktree", "add", path, branch] : ["worktree", "add", "-b", branch, path]
        let added = try await git.run(["-C", root] + add)
        guard added.succeeded, let real = Workdir.realPath(path) else {
            throw ToolSetupError("git worktree add failed: " + scrubbed(added.standardError))
        }
        return real
    }

    func remove(_ worker: WorkerId) async throws(ToolSetupError) {
        try checkName(worker)
        let path = path(of: worker)
        if FileIO.kind(path) != .missing {
            let removed = try await git.run(["-C", root, "worktree", "remove", "--force", path])
            guard removed.succeeded else { throw ToolSetupError("git worktree remove failed: " + scrubbed(removed.standardError)) }
        }
        _ = try await git.run(["-C", root, "worktree", "prune"])
        let branch = branch(of: worker)
        if try await git.run(["-C", root, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch]).succeeded {
            let deleted = try await git.run(["-C", root, "branch", "-D", branch])
            guard deleted.succeeded else { throw ToolSetupError("git branch -D failed: " + scrubbed(deleted.standardError)) }
        }
    }

    /// `.workerdeck/` in the repository's `info/exclude`, once.
    func ensureExcluded() async throws(ToolSetupError) {
        let answer = try await git.run(["-C", root, "rev-parse", "--git-path", "info/exclude"])
        guard answer.succeeded, !answer.line.isEmpty else { throw ToolSetupError("could not find the repository's info/exclude") }
        let exclude = answer.line.hasPrefix("/") ? answer.line : root + "/" + answer.line
        let current = (try? String(contentsOfFile: exclude, encoding: .utf8)) ?? ""
        let listed = current.split(whereSeparator: \.isNewline).contains { line in
            let entry = line.trimmingCharacters(in: .whitespaces)
            return entry == ".workerdeck/" || entry == "/.workerdeck/" || entry == ".workerdeck"
        }
        guard !listed else { return }
        let addition = (current.isEmpty || current.hasSuffix("\n") ? "" : "\n") + ".workerdeck/\n"
        do {
            try FileManager.default.createDirectory(atPath: (exclude as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if let handle = FileHandle(forWritingAtPath: exclude) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(addition.utf8))
            } else {
                try Data(addition.utf8).write(to: URL(fileURLWithPath: exclude))
            }
        } catch {
            throw ToolSetupError("could not add .workerdeck/ to the repository's info/exclude")
        }
    }

    /// A worker id is a path component and part of a branch name here.
    func checkName(_ worker: WorkerId) throws(ToolSetupError) {
        guard worker.rawValue != ".", worker.rawValue != "..", !worker.rawValue.hasPrefix("-") else {
            throw ToolSetupError("the worker id cannot name a worktree")
        }
    }

    /// git's first message line, without the workspace's path.
    func scrubbed(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "no message"
        return line.replacingOccurrences(of: root, with: "<workspace>")
    }
}
