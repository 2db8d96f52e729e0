import Foundation
import Runtime

/// `git diff` of a worker's directory, given the worker and the profile it
/// was created with (which says workspace or worktree). Wired by the
/// executable over `Tools`; its messages never hold a path.
public typealias WorkdirDiffer = @Sendable (_ worker: WorkerId, _ profile: String) async throws(ToolSetupError) -> WorkdirDiff

extension EmbeddedSource {
    /// A directory that cannot be diffed (not a git repository, no
    /// worktree yet) is `rejected` with git's reason: the request was fine,
    /// the directory's state refuses it.
    public func workdirDiff(_ worker: String) async throws(SourceError) -> WorkdirDiff {
        let runtime = try runtime()
        guard let workdirDiffer else { throw .unsupported(operation: "diff") }
        let ref = try ref(runtime, worker)
        let record: WorkerRecord
        do { record = try await runtime.worker(ref) } catch { throw .runtime(error) }
        do {
            return try await workdirDiffer(ref.workerId, record.profile)
        } catch {
            throw .rejected(code: "diff_unavailable", message: error.message)
        }
    }
}
