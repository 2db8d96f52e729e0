import Foundation
import Runtime

/// A tool call waiting for an operator's answer (tools.md, Approvals).
/// `tool` and `arguments` are the model's untrusted text, verbatim:
/// whoever draws them sanitises them.
public struct ApprovalProjection: Hashable, Sendable, Codable {
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", workerLabel = "worker_label", callId = "call_id", tool,
            arguments, requestedAt = "requested_at", diff, command, directory
    }

    public var runtimeId: String
    public var workerId: String
    /// Sanitised label (or the worker id).
    public var workerLabel: String
    public var callId: String
    public var tool: String
    public var arguments: String
    public var requestedAt: Date?
    /// For `edit`/`write`: the diff the call would make (computed before it runs).
    public var diff: String?
    /// For `bash`: the command and the directory it runs in (never an absolute path).
    public var command: String?
    public var directory: String?

    public init(runtimeId: String, workerId: String, workerLabel: String, callId: String, tool: String,
                arguments: String, requestedAt: Date?, diff: String? = nil, command: String? = nil, directory: String? = nil) {
        self.diff = diff
        self.command = command
        self.directory = directory
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.workerLabel = workerLabel
        self.callId = callId
        self.tool = tool
        self.arguments = arguments
        self.requestedAt = requestedAt
    }

    public var key: WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: workerId) }
}

/// An operator's answer, as the registry and the API carry it.
public enum ApprovalDecision: Hashable, Sendable {
    case allowOnce
    case allowAlways
    case deny(message: String?)
}
