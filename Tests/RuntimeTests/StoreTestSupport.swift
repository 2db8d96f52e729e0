import Foundation
@testable import Runtime

/// A fresh directory under the system temp dir, removed on deinit.
final class StoreTempDir: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("workerdeck-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A store root inside this directory that does not exist yet.
    var root: URL { url.appendingPathComponent("embedded-runtime") }
    var databaseFile: URL { root.appendingPathComponent(FileStore.defaultFileName) }

    deinit {
        // Restore permissions a test may have removed, then clean up.
        _ = chmod(url.path, 0o700)
        _ = chmod(root.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }
}

/// Which `RuntimeStore` a contract test runs against.
enum StoreFlavor: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory, file

    var description: String { rawValue }

    /// A fresh, empty store; `dir` keeps a file store's directory alive.
    func make() throws -> (store: any RuntimeStore, dir: StoreTempDir?) {
        switch self {
        case .memory:
            return (MemoryStore(), nil)
        case .file:
            let dir = StoreTempDir()
            return (try FileStore.open(root: dir.root, mode: .owner), dir)
        }
    }
}

/// Literal values for store tests. Dates are whole and fractional seconds,
/// exact in a `Double`.
enum StoreFixture {
    static let runtime = RuntimeId.embedded
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000.25)

    static func ref(_ sequence: UInt32) -> WorkerRef {
        WorkerRef(runtimeId: runtime, workerId: WorkerId(sequence: sequence))
    }

    static func state(nextWorker: UInt32 = 1, nextEvent: Int64 = 1, nextDiagnostic: Int64 = 1,
                      status: RuntimeStatus = .running) -> RuntimeState {
        RuntimeState(runtimeId: runtime, status: status, nextWorkerSequence: nextWorker,
                     nextEventId: nextEvent, nextDiagnosticId: nextDiagnostic)
    }

    static func worker(_ sequence: UInt32, length: Int = 0, lastEvent: Int64 = 0,
                       backend: BackendState = .connected, activeTurn: TurnId? = nil) -> WorkerRecord {
        WorkerRecord(
            ref: ref(sequence), label: "worker «\(sequence)»", status: .running,
            execution: ExecutionStatus(backend: backend, runState: .idle, binding: "store-test",
                                       lastResult: LastResult(operation: .input, outcome: .accepted, message: "ok")),
            profile: "default", model: "scripted/echo",
            configBundle: ConfigBundleRef(id: "workspace-runtime-default", digest: String(repeating: "a", count: 64)),
            transcriptLength: length, lastEventId: lastEvent, createdAt: t0,
            updatedAt: t0.addingTimeInterval(1.5), lastActivityAt: nil,
            usage: TokenUsage(input: 10, output: 20, cached: 3), activeTurn: activeTurn
        )
    }

    static func event(_ id: Int64, worker: UInt32? = nil, kind: RuntimeEventKind = .workerInputAccepted) -> RuntimeEvent {
        RuntimeEvent(id: id, workerRef: worker.map(ref), kind: kind, message: "event \(id)",
                     createdAt: t0.addingTimeInterval(Double(id) / 8))
    }

    static func entry(_ sequence: Int, eventId: Int64 = 1, usage: TokenUsage? = nil) -> TranscriptEntry {
        TranscriptEntry(sequence: sequence, role: sequence % 2 == 1 ? .user : .assistant, kind: .message,
                        content: "entry \(sequence) — ünïcode ✓", eventId: eventId,
                        createdAt: t0.addingTimeInterval(Double(sequence) / 4), usage: usage)
    }

    static let bundle = ConfigBundle.workspaceDefault(profile: "default", workspaceId: "ws-test", createdAt: t0)

    static func diagnostic(_ id: Int64, code: String = DiagnosticCode.workerExecutionStale,
                           worker: UInt32? = nil) -> RuntimeDiagnostic {
        RuntimeDiagnostic(id: id, severity: .warning, code: code, message: "diagnostic \(id)", workerRef: worker.map(ref))
    }

    /// One worker with `count` entries, committed in one transaction.
    static func seed(_ store: any RuntimeStore, entries count: Int) throws {
        var changes: [StoreChange] = [.state(state(nextWorker: 2, nextEvent: 2)), .worker(worker(1, length: count, lastEvent: 1)),
                                      .event(event(1, worker: 1))]
        changes += (1...count).map { .transcript(WorkerId(sequence: 1), entry($0)) }
        try store.commit(StoreTransaction(changes))
    }
}
