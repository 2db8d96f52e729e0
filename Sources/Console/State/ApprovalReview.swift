import Foundation
import Registry

/// One pending tool call as the review shows it (from the registry's
/// `ApprovalProjection`; every string sanitised on the way in).
public struct ApprovalRow: Hashable, Sendable {
    public var key: WorkerKey
    /// As the registry knows it (the answer names the call by it); drawn
    /// through `Sanitiser.cleanLine`.
    public var callId: String
    public var tool: String
    /// Pretty-printed when JSON; sanitised, newlines kept.
    public var arguments: String
    public var requestedAt: Date?
    /// For `edit`/`write`: the unified diff the call would make.
    public var diff: String?
    /// For `bash`: the command and the directory it runs in.
    public var command: String?
    public var directory: String?

    public init(key: WorkerKey, callId: String, tool: String, arguments: String, requestedAt: Date? = nil,
                diff: String? = nil, command: String? = nil, directory: String? = nil) {
        self.key = key; self.callId = callId; self.tool = tool; self.arguments = arguments
        self.requestedAt = requestedAt; self.diff = diff; self.command = command; self.directory = directory
    }

    public init(_ p: ApprovalProjection) {
        self.init(key: p.key, callId: p.callId, tool: Sanitiser.cleanLine(p.tool),
                  arguments: Sanitiser.clean(PrettyJSON.format(p.arguments)), requestedAt: p.requestedAt,
                  diff: p.diff.map(Sanitiser.clean), command: p.command.map(Sanitiser.clean),
                  directory: p.directory.map(Sanitiser.cleanLine))
    }
}

/// The approval review overlay (`a`): the shown worker's pending call,
/// loaded on request, answered with keys only this overlay has.
///
/// Invariants: `approval` is nil only while loading; `denyMessage` non-nil
/// means the one-line message field has the keys (Enter denies with it,
/// Esc goes back to the review).
public struct ApprovalReview: Hashable, Sendable {
    public var worker: WorkerKey
    public var approval: ApprovalRow?
    public var scroll: Int
    public var denyMessage: String?

    public init(worker: WorkerKey, approval: ApprovalRow? = nil, scroll: Int = 0, denyMessage: String? = nil) {
        self.worker = worker; self.approval = approval; self.scroll = scroll; self.denyMessage = denyMessage
    }
}
