import Foundation

/// A tool call waiting for an operator's answer (tools.md, Approvals).
public struct PendingApproval: Hashable, Sendable, Codable {
    public var call: ToolCallRequest
    public var requestedAt: Date
    /// The `worker_approval_requested` event.
    public var eventId: Int64
    /// What the review shows (diff, command, directory).
    public var preview: ApprovalPreview?

    public init(call: ToolCallRequest, requestedAt: Date, eventId: Int64, preview: ApprovalPreview? = nil) {
        self.call = call
        self.preview = preview
        self.requestedAt = requestedAt
        self.eventId = eventId
    }
}

/// An operator's answer to a pending approval.
public enum ApprovalAnswer: Hashable, Sendable {
    case allowOnce
    /// Allow this tool for this worker from now on (persisted on the worker).
    case allowAlways
    /// The message, if any, is passed to the model with the denial.
    case deny(message: String?)
}
