import Foundation
import Registry

/// A diagnostic as shown: text already sanitised, labelled by the
/// implementation kind that produced it.
public struct DiagnosticRow: Hashable, Sendable {
    public var code: String
    public var severity: String
    public var message: String
    public var implementationKind: String

    public init(code: String, severity: String, message: String, implementationKind: String) {
        self.code = code; self.severity = severity; self.message = message
        self.implementationKind = implementationKind
    }
}

/// One runtime as the console shows it (built from a registry
/// `RuntimeSummary`; every string sanitised on the way in).
public struct RuntimeRow: Hashable, Sendable {
    public var id: String
    public var displayName: String
    public var implementationKind: ImplementationKind
    public var status: RuntimeStatus
    public var canCreateWorker: Bool
    /// Observer mode: the store is owned by another console.
    public var readOnly: Bool { status == .readOnly }
    public var workerCount: Int
    public var busyCount: Int
    /// Workers waiting for an approval (the registry's count; the pane
    /// counts from the worker list when it has one).
    public var needsYouCount: Int = 0
    public var diagnostics: [DiagnosticRow]

    public init(id: String, displayName: String, implementationKind: ImplementationKind, status: RuntimeStatus,
                canCreateWorker: Bool, workerCount: Int, busyCount: Int, diagnostics: [DiagnosticRow] = []) {
        self.id = id; self.displayName = displayName; self.implementationKind = implementationKind
        self.status = status; self.canCreateWorker = canCreateWorker
        self.workerCount = workerCount; self.busyCount = busyCount; self.diagnostics = diagnostics
    }

    /// Short badge for the implementation kind.
    public var badge: String {
        switch implementationKind {
        case .embeddedWorkerRuntime: return "emb"
        case .localCompatibility: return "local"
        case .remoteWorkerRuntime: return "remote"
        }
    }

    /// A source that cannot push its changes: its list is re-read on a timer.
    public var needsPolling: Bool { implementationKind == .localCompatibility }
}

/// What the operator may do to one worker (from the registry's per-worker
/// capabilities).
public struct WorkerCapabilities: Hashable, Sendable {
    public var acceptInput, interrupt, stop, cancel, reconnect, readTranscript: Bool

    public init(acceptInput: Bool = false, interrupt: Bool = false, stop: Bool = false,
                cancel: Bool = false, reconnect: Bool = false, readTranscript: Bool = false) {
        self.acceptInput = acceptInput; self.interrupt = interrupt; self.stop = stop
        self.cancel = cancel; self.reconnect = reconnect; self.readTranscript = readTranscript
    }

    public static let all = WorkerCapabilities(acceptInput: true, interrupt: true, stop: true,
                                               cancel: true, reconnect: true, readTranscript: true)
    public static let readOnlyTranscript = WorkerCapabilities(readTranscript: true)
}

/// One worker as the console shows it (built from a registry `WorkerSummary`).
public struct WorkerRow: Hashable, Sendable {
    public var key: WorkerKey
    public var label: String?
    public var implementationKind: ImplementationKind
    public var status: WorkerStatus
    public var profile: String?
    public var model: String?
    public var transcriptLength: Int
    public var inputTokens: Int
    public var outputTokens: Int
    public var capabilities: WorkerCapabilities
    public var diagnostics: [DiagnosticRow]
    /// When it last did something (input, reply); `:sort activity` orders by it.
    public var lastActivityAt: Date?
    /// Hidden from the default list; `:filter archived` lists these.
    public var archived: Bool
    /// A fork's origin as shown (`worker-… @N`), sanitised.
    public var parent: String?

    public init(key: WorkerKey, label: String? = nil, implementationKind: ImplementationKind = .embeddedWorkerRuntime,
                status: WorkerStatus = .idle, profile: String? = nil, model: String? = nil,
                transcriptLength: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0,
                capabilities: WorkerCapabilities = .all, diagnostics: [DiagnosticRow] = [], lastActivityAt: Date? = nil,
                archived: Bool = false, parent: String? = nil) {
        self.archived = archived; self.parent = parent
        self.key = key; self.label = label; self.implementationKind = implementationKind
        self.status = status; self.profile = profile; self.model = model
        self.transcriptLength = transcriptLength; self.inputTokens = inputTokens
        self.outputTokens = outputTokens; self.capabilities = capabilities; self.diagnostics = diagnostics
        self.lastActivityAt = lastActivityAt
    }

    /// Label when set, else the worker id.
    public var displayName: String { label.flatMap { $0.isEmpty ? nil : $0 } ?? key.workerId }
    /// Busy includes waiting for an approval: a turn is open (queued input
    /// waits; a turn that ended out of sight is detected from both).
    public var isBusy: Bool { status == .busy || status == .needsApproval }
    /// Waiting for the operator's answer to a tool call ("needs you").
    public var needsYou: Bool { status == .needsApproval }
    /// Tokens in plus out, for totals.
    public var totalTokens: Int { inputTokens + outputTokens }
    public var isLocal: Bool { implementationKind == .localCompatibility }
}

/// One committed transcript entry, content sanitised.
public struct TranscriptRow: Hashable, Sendable {
    public var sequence: Int
    public var role: EntryRole
    public var kind: EntryKind
    /// For a tool entry: its compact one-line summary.
    public var content: String
    public var createdAt: Date?
    /// A reply cut short: drawn with an "interrupted" mark.
    public var interrupted: Bool
    /// What a tool entry shows when expanded (`e`).
    public var tool: ToolDetail?

    public init(sequence: Int, role: EntryRole, kind: EntryKind = .message, content: String, createdAt: Date? = nil,
                interrupted: Bool = false, tool: ToolDetail? = nil) {
        self.sequence = sequence; self.role = role; self.kind = kind
        self.content = content; self.createdAt = createdAt; self.interrupted = interrupted; self.tool = tool
    }
}

/// The expanded form of a tool entry, sanitised (newlines kept).
public struct ToolDetail: Hashable, Sendable {
    public enum Part: Hashable, Sendable { case call, result }
    public var part: Part
    /// A call's arguments (pretty-printed JSON) or a result's output.
    public var body: String
    /// The output was capped by the tool.
    public var truncated: Bool
    /// The unified diff an `edit` or `write` made.
    public var diff: String?

    public init(part: Part, body: String, truncated: Bool = false, diff: String? = nil) {
        self.part = part; self.body = body; self.truncated = truncated; self.diff = diff
    }
}
