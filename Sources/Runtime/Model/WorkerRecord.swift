import Foundation

/// One worker's catalog row: everything the runtime persists about a worker
/// except its transcript. Summaries and details are read from this value.
public struct WorkerRecord: Hashable, Sendable, Codable {
    public var ref: WorkerRef
    /// Display only; never resolves a worker.
    public var label: String?
    public var status: CatalogStatus
    public var execution: ExecutionStatus
    /// The profile name the worker was created with.
    public var profile: String
    /// `provider/model` as resolved at spawn, for display (`scripted/…` for the scripted scheme).
    public var model: String?
    public var configBundle: ConfigBundleRef
    public var transcriptLength: Int
    public var lastEventId: Int64
    public var createdAt: Date
    public var updatedAt: Date
    public var lastActivityAt: Date?
    public var usage: TokenUsage
    /// The turn that was running when this row was written; a restore that
    /// finds one marks it "turn interrupted by restart".
    public var activeTurn: TurnId?
    /// Tools the operator answered "allow always" for this worker (tools.md).
    public var alwaysAllowed: Set<ToolName> = []
    /// The call whose `tool_call` entry is committed and whose result is not
    /// yet: a restore closes it `interrupted` (once).
    public var openToolCall: String?
    /// The call waiting for an operator's answer (a row of its own in the store).
    public var pendingApproval: PendingApproval?
    /// Hidden from default lists (display only; issue 16).
    public var archived = false
    /// Set on a fork: the worker and entry its transcript was copied from.
    public var parent: WorkerParent?

    public init(
        ref: WorkerRef, label: String?, status: CatalogStatus, execution: ExecutionStatus,
        profile: String, model: String?, configBundle: ConfigBundleRef, transcriptLength: Int,
        lastEventId: Int64, createdAt: Date, updatedAt: Date, lastActivityAt: Date?,
        usage: TokenUsage, activeTurn: TurnId?
    ) {
        self.ref = ref
        self.label = label
        self.status = status
        self.execution = execution
        self.profile = profile
        self.model = model
        self.configBundle = configBundle
        self.transcriptLength = transcriptLength
        self.lastEventId = lastEventId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastActivityAt = lastActivityAt
        self.usage = usage
        self.activeTurn = activeTurn
    }

    // Derived flags, used by the registry and the console.
    public var canAcceptInput: Bool {
        status == .running && execution.backend == .connected && execution.runState == .idle
    }
    public var canInterrupt: Bool {
        status == .running && execution.backend == .connected
            && (execution.runState == .busy || execution.runState == .awaitingApproval)
    }
    /// Waiting for an operator's answer to a tool call.
    public var needsApproval: Bool { status == .running && pendingApproval != nil }
    public var canStop: Bool { status == .running }
    public var canCancel: Bool { status == .running }
    /// Needs a backend attached to the runtime as well; see `WorkerRuntime.canReconnect`.
    public var isReconnectable: Bool {
        status == .running && (execution.backend == .stale || execution.backend == .unconnected)
    }
}

/// A turn's id, unique within a runtime process; reports carrying an old
/// turn id are dropped.
public struct TurnId: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { "turn-\(rawValue)" }
}
