import Foundation
import Runtime

/// Identifies a worker across sources: the runtime half and the worker half
/// together are the only authority. The same worker id in two runtimes is
/// two different workers.
public struct WorkerKey: Hashable, Sendable, Codable, CustomStringConvertible {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id"
    }

    public var runtimeId: String
    public var workerId: String

    public init(runtimeId: String, workerId: String) {
        self.runtimeId = runtimeId
        self.workerId = workerId
    }

    public var description: String { "\(runtimeId)/\(workerId)" }
}

/// One worker as the registry shows it (list rows and `show` alike; detail
/// fields are nil where a source has none).
public struct WorkerSummary: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workerId = "worker_id", label, implementationKind = "implementation_kind",
            status, runState = "run_state", profile, model, transcriptLen = "transcript_len",
            lastActivityAt = "last_activity_at", usage, capabilities, diagnostics, createdAt = "created_at",
            updatedAt = "updated_at", lastEventId = "last_event_id", binding, lastResult = "last_result",
            configBundle = "config_bundle", pendingApprovals = "pending_approvals", alwaysAllowed = "always_allowed",
            archived, parent
    }

    public var runtimeId: String
    public var workerId: String
    /// The operator label, or the worker id when there is none. Sanitised.
    public var label: String
    public var implementationKind: ImplementationKind
    /// What an operator reads: `idle`, `busy`, `stale`, `unconnected`,
    /// `stopped`, `cancelled`, `errored`; local workers: `active`, `pending`,
    /// `metadata_only` (`live` when a process holds the worker).
    public var status: WorkerStatus
    public var runState: WorkerRunState
    public var profile: String?
    public var model: String?
    public var transcriptLen: Int
    public var lastActivityAt: Date?
    public var usage: Usage?
    public var capabilities: Capabilities
    public var diagnostics: [Diagnostic]
    // Detail.
    public var createdAt: Date?
    public var updatedAt: Date?
    public var lastEventId: Int64?
    public var binding: String?
    public var lastResult: LastResult?
    public var configBundle: String?
    /// Tool calls waiting for an operator's answer (0 or 1: a turn runs one call at a time).
    public var pendingApprovals: Int
    /// Tools the operator allowed always for this worker.
    public var alwaysAllowed: [ToolName]
    /// Hidden from default lists (`workers --archived`, `:filter archived`).
    public var archived: Bool
    /// Set on a fork: the worker and entry it was copied from.
    public var parent: ForkParent?

    public var key: WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: workerId) }

    public init(runtimeId: String, workerId: String, label: String, implementationKind: ImplementationKind,
                status: WorkerStatus, runState: WorkerRunState, profile: String? = nil, model: String? = nil,
                transcriptLen: Int = 0, lastActivityAt: Date? = nil, usage: Usage? = nil,
                capabilities: Capabilities = .none, diagnostics: [Diagnostic] = [],
                createdAt: Date? = nil, updatedAt: Date? = nil, lastEventId: Int64? = nil,
                binding: String? = nil, lastResult: LastResult? = nil, configBundle: String? = nil,
                pendingApprovals: Int = 0, alwaysAllowed: [ToolName] = [], archived: Bool = false, parent: ForkParent? = nil) {
        self.archived = archived
        self.parent = parent
        self.pendingApprovals = pendingApprovals
        self.alwaysAllowed = alwaysAllowed
        self.runtimeId = runtimeId
        self.workerId = workerId
        self.label = label
        self.implementationKind = implementationKind
        self.status = status
        self.runState = runState
        self.profile = profile
        self.model = model
        self.transcriptLen = transcriptLen
        self.lastActivityAt = lastActivityAt
        self.usage = usage
        self.capabilities = capabilities
        self.diagnostics = diagnostics
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastEventId = lastEventId
        self.binding = binding
        self.lastResult = lastResult
        self.configBundle = configBundle
    }
}

extension WorkerSummary {
    /// As synthesised, except `archived`: absent from an owner older than
    /// archiving (a remote host not upgraded yet), it reads as false rather
    /// than failing the whole list.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            runtimeId: try c.decode(String.self, forKey: .runtimeId), workerId: try c.decode(String.self, forKey: .workerId),
            label: try c.decode(String.self, forKey: .label),
            implementationKind: try c.decode(ImplementationKind.self, forKey: .implementationKind),
            status: try c.decode(WorkerStatus.self, forKey: .status), runState: try c.decode(WorkerRunState.self, forKey: .runState),
            profile: try c.decodeIfPresent(String.self, forKey: .profile), model: try c.decodeIfPresent(String.self, forKey: .model),
            transcriptLen: try c.decode(Int.self, forKey: .transcriptLen),
            lastActivityAt: try c.decodeIfPresent(Date.self, forKey: .lastActivityAt),
            usage: try c.decodeIfPresent(Usage.self, forKey: .usage),
            capabilities: try c.decode(Capabilities.self, forKey: .capabilities),
            diagnostics: try c.decode([Diagnostic].self, forKey: .diagnostics),
            createdAt: try c.decodeIfPresent(Date.self, forKey: .createdAt), updatedAt: try c.decodeIfPresent(Date.self, forKey: .updatedAt),
            lastEventId: try c.decodeIfPresent(Int64.self, forKey: .lastEventId),
            binding: try c.decodeIfPresent(String.self, forKey: .binding),
            lastResult: try c.decodeIfPresent(LastResult.self, forKey: .lastResult),
            configBundle: try c.decodeIfPresent(String.self, forKey: .configBundle),
            pendingApprovals: try c.decode(Int.self, forKey: .pendingApprovals),
            alwaysAllowed: try c.decode([ToolName].self, forKey: .alwaysAllowed),
            archived: try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false,
            parent: try c.decodeIfPresent(ForkParent.self, forKey: .parent)
        )
    }
}
