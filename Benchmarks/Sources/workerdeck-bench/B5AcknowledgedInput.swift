import Foundation
import GRDB
import Runtime
import Synchronization

/// B5: `WorkerRuntime.sendInput` on a `FileStore` (durable commit of the user
/// entry, the event, the worker row and the counters) against a bare GRDB
/// transaction writing the same rows to a database with the same schema and
/// the same durability (WAL, `synchronous = FULL`), interleaved in one run.
enum B5AcknowledgedInput {
    static let rounds = 300

    /// Accepts every turn and reports nothing; the bench ends each turn with
    /// `interrupt` outside the timed region.
    final class SilentBackend: ExecutionBackend {
        let backendId = "bench"
        private let count = Mutex(0)
        func resolveProfile(named name: String) async -> ProfileResolution {
            .resolved(ResolvedProfile(name: name, model: "scripted/echo"))
        }
        func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
            .connected(ExecutionHandle("b-\(count.withLock { n in n += 1; return n })"))
        }
        func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome { .accepted }
        func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome { .accepted }
    }

    static func run() async throws -> [BenchRow] {
        let base = BenchData.directory.appendingPathComponent("b5-\(getpid())")
        try? FileManager.default.removeItem(at: base)
        defer { try? FileManager.default.removeItem(at: base) }

        let store = try FileStore.open(root: base.appendingPathComponent("runtime"), mode: .owner)
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: SilentBackend())
        let ref = try await runtime.createWorker(profile: "default").ref

        let bare = try BareBaseline(root: base.appendingPathComponent("bare"))
        var runtimeMs: [Double] = [], bareMs: [Double] = []
        let text = BenchData.content(1)
        for round in 1...rounds {
            runtimeMs.append(try await Measure.ms { _ = try await runtime.sendInput(ref, text: text) })
            _ = try await runtime.interrupt(ref)

            bareMs.append(try Measure.ms { try bare.acceptInput(round: round, text: text) })
        }
        try bare.database.close()
        let runtimeP50 = Measure.median(runtimeMs), bareP50 = Measure.median(bareMs)
        let ratio = runtimeP50 / bareP50
        return [
            BenchRow(id: "B5", what: "acknowledged input: WorkerRuntime.sendInput on FileStore (\(rounds) inputs)",
                     measured: "p50 \(fmt(runtimeP50, 3)) ms, p99 \(fmt(Measure.percentile(runtimeMs, 99), 3)) ms",
                     target: "—", verdict: "info"),
            BenchRow(id: "B5", what: "bare GRDB transaction, same rows, same durability",
                     measured: "p50 \(fmt(bareP50, 3)) ms, p99 \(fmt(Measure.percentile(bareMs, 99), 3)) ms",
                     target: "—", verdict: "info"),
            BenchRow(id: "B5", what: "ratio sendInput / bare (p50)", measured: fmt(ratio),
                     target: "≤ 1.5", verdict: ratio <= 1.5 ? "met" : "MISSED"),
        ]
    }
}

/// The same rows `sendInput` commits, written with bare GRDB in one
/// transaction, WAL and `synchronous = FULL`, into a database whose schema
/// `FileStore` created. Synchronous on purpose: GRDB's blocking API, as the
/// store uses it.
struct BareBaseline {
    let database: DatabaseQueue

    init(root: URL) throws {
        try FileStore.open(root: root, mode: .owner).close()
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        database = try DatabaseQueue(path: root.appendingPathComponent(FileStore.defaultFileName).path,
                                     configuration: configuration)
        _ = try database.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO runtime_state VALUES (1, 'backend-internal', 'running', 2, 1, 1);
                INSERT INTO workers (id, runtime_id, status, backend, run_state, profile, bundle_id, bundle_digest,
                    transcript_length, last_event_id, created_at, updated_at, usage_input, usage_output, usage_cached)
                VALUES ('worker-00000001', 'backend-internal', 'running', 'connected', 'idle', 'default', 'b', 'd',
                    0, 0, 0, 0, 0, 0, 0);
                """)
        }
    }

    func acceptInput(round: Int, text: String) throws {
        let event = Int64(round)
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let now = Date().timeIntervalSinceReferenceDate
                try db.execute(sql: "UPDATE runtime_state SET next_event_id = ? WHERE id = 1", arguments: [event + 1])
                try db.execute(sql: """
                    UPDATE workers SET run_state = 'busy', transcript_length = ?, last_event_id = ?,
                        updated_at = ?, active_turn = ? WHERE id = 'worker-00000001'
                    """, arguments: [round, event, now, round])
                try db.execute(sql: """
                    INSERT INTO events (id, runtime_id, worker_id, kind, message, created_at)
                    VALUES (?, 'backend-internal', 'worker-00000001', 'worker_input_accepted', 'input accepted', ?)
                    """, arguments: [event, now])
                try db.execute(sql: """
                    INSERT INTO transcript (worker_id, sequence, role, kind, content, event_id, created_at)
                    VALUES ('worker-00000001', ?, 'user', 'message', ?, ?, ?)
                    """, arguments: [round, text, event, now])
                return .commit
            }
        }
    }
}
