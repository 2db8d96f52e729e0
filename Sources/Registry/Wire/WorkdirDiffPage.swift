import Foundation
import Runtime

/// `GET /v1/runtimes/{runtime_id}/workers/{worker_id}/diff`, and what the
/// registry answers for a worker's directory diff (`workerdeck diff --json`).
/// `diff` is the files' text verbatim: whoever draws it sanitises it.
public struct WorkdirDiffPage: Hashable, Sendable, Codable {
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", directory, diff, truncated
    }

    public var runtimeId: String
    public var workerId: String
    /// `workspace`, or `worktree <worker id>`: never a path.
    public var directory: String
    public var diff: String
    public var truncated: Bool

    public init(runtimeId: String, workerId: String, directory: String, diff: String, truncated: Bool) {
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.directory = directory
        self.diff = diff
        self.truncated = truncated
    }

    public init(_ key: WorkerKey, _ diff: WorkdirDiff) {
        self.init(runtimeId: key.runtimeId, workerId: key.workerId, directory: diff.directory, diff: diff.diff,
                  truncated: diff.truncated)
    }

    public var key: WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: workerId) }
    public var workdirDiff: WorkdirDiff { WorkdirDiff(directory: directory, diff: diff, truncated: truncated) }
}
