import Foundation
import GRDB

/// Writes one `StoreChange` inside the commit's SQL transaction.
///
/// The checks mirror `MemoryStore` exactly (event ids strictly ascending;
/// a transcript entry needs its worker and the next contiguous sequence), so
/// the contract suite holds for both stores. A failed check throws a
/// `RuntimeError`, and the caller rolls the whole transaction back.
enum FileStoreApply {
    static func apply(_ change: StoreChange, in db: Database) throws {
        switch change {
        case let .state(state):
            try db.cachedStatement(sql: """
                INSERT INTO runtime_state (id, runtime_id, status, next_worker_sequence, next_event_id, next_diagnostic_id)
                VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET runtime_id = excluded.runtime_id, status = excluded.status,
                    next_worker_sequence = excluded.next_worker_sequence, next_event_id = excluded.next_event_id,
                    next_diagnostic_id = excluded.next_diagnostic_id
                """).execute(arguments: [state.runtimeId.rawValue, state.status.rawValue, Int64(state.nextWorkerSequence),
                                 state.nextEventId, state.nextDiagnosticId])
        case let .worker(record):
            try putWorker(record, in: db)
        case let .event(event):
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(id) FROM events")) ?? 0
            guard event.id > last else {
                throw RuntimeError.storeUnavailable("event id \(event.id) is not after \(last)")
            }
            try db.cachedStatement(sql: """
                INSERT INTO events (id, runtime_id, worker_id, kind, message, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [event.id, event.workerRef?.runtimeId.rawValue, event.workerRef?.workerId.rawValue,
                                 event.kind.rawValue, event.message, FileStoreRows.seconds(event.createdAt)])
        case let .transcript(worker, entry):
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM workers WHERE id = ?"), arguments: [worker.rawValue]) != nil else {
                throw RuntimeError.storeUnavailable("transcript entry for an unknown worker")
            }
            let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM transcript WHERE worker_id = ?"),
                                         arguments: [worker.rawValue]) ?? 0
            guard entry.sequence == count + 1 else {
                throw RuntimeError.storeUnavailable("transcript sequence \(entry.sequence) does not follow \(count)")
            }
            try db.cachedStatement(sql: """
                INSERT INTO transcript (worker_id, sequence, role, kind, content, event_id, created_at,
                    usage_input, usage_output, usage_cached, interrupted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [worker.rawValue, entry.sequence, entry.role.rawValue, entry.kind.rawValue, entry.content,
                                 entry.eventId, FileStoreRows.seconds(entry.createdAt),
                                 entry.usage?.input, entry.usage?.output, entry.usage?.cached, entry.interrupted ? 1 : 0])
        case let .bundle(bundle):
            try putBundle(bundle, in: db)
        case let .diagnostic(diagnostic):
            try db.cachedStatement(sql: """
                INSERT INTO diagnostics (id, severity, code, message, runtime_id, worker_id) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [diagnostic.id, diagnostic.severity.rawValue, diagnostic.code, diagnostic.message,
                                 diagnostic.workerRef?.runtimeId.rawValue, diagnostic.workerRef?.workerId.rawValue])
        case let .removeDiagnostics(code, worker):
            try db.cachedStatement(sql: "DELETE FROM diagnostics WHERE code = ? AND worker_id IS ?")
                .execute(arguments: [code, worker?.rawValue])
        case let .deleteWorker(worker):
            // Rows that refer to the worker first (foreign keys are on).
            for table in ["approvals", "transcript", "events", "diagnostics"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE worker_id = ?").execute(arguments: [worker.rawValue])
            }
            try db.cachedStatement(sql: "DELETE FROM workers WHERE id = ?").execute(arguments: [worker.rawValue])
        case let .addPendingRemoval(removal):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO pending_removals (worker_id, runtime_id, profile, requested_at) VALUES (?, ?, ?, ?)
                """).execute(arguments: [removal.ref.workerId.rawValue, removal.ref.runtimeId.rawValue, removal.profile,
                                 FileStoreRows.seconds(removal.requestedAt)])
        case let .removePendingRemoval(worker):
            try db.cachedStatement(sql: "DELETE FROM pending_removals WHERE worker_id = ?").execute(arguments: [worker.rawValue])
        }
    }

    private static func putWorker(_ record: WorkerRecord, in db: Database) throws {
        let execution = record.execution
        try db.cachedStatement(sql: """
            INSERT INTO workers (id, runtime_id, label, status, backend, run_state, binding, last_operation,
                last_outcome, last_message, profile, model, bundle_id, bundle_digest, transcript_length,
                last_event_id, created_at, updated_at, last_activity_at, usage_input, usage_output, usage_cached,
                active_turn, always_allowed, open_tool_call, archived, parent_worker_id, parent_entry)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET runtime_id = excluded.runtime_id, label = excluded.label,
                status = excluded.status, backend = excluded.backend, run_state = excluded.run_state,
                binding = excluded.binding, last_operation = excluded.last_operation,
                last_outcome = excluded.last_outcome, last_message = excluded.last_message,
                profile = excluded.profile, model = excluded.model, bundle_id = excluded.bundle_id,
                bundle_digest = excluded.bundle_digest, transcript_length = excluded.transcript_length,
                last_event_id = excluded.last_event_id, created_at = excluded.created_at,
                updated_at = excluded.updated_at, last_activity_at = excluded.last_activity_at,
                usage_input = excluded.usage_input, usage_output = excluded.usage_output,
                usage_cached = excluded.usage_cached, active_turn = excluded.active_turn,
                always_allowed = excluded.always_allowed, open_tool_call = excluded.open_tool_call,
                archived = excluded.archived, parent_worker_id = excluded.parent_worker_id, parent_entry = excluded.parent_entry
            """).execute(arguments: [
                record.ref.workerId.rawValue, record.ref.runtimeId.rawValue, record.label, record.status.rawValue,
                execution.backend.rawValue, execution.runState.rawValue, execution.binding,
                execution.lastResult?.operation.rawValue, execution.lastResult?.outcome.rawValue,
                execution.lastResult?.message, record.profile, record.model, record.configBundle.id,
                record.configBundle.digest, record.transcriptLength, record.lastEventId,
                FileStoreRows.seconds(record.createdAt), FileStoreRows.seconds(record.updatedAt),
                record.lastActivityAt.map(FileStoreRows.seconds), record.usage.input, record.usage.output,
                record.usage.cached, record.activeTurn.map { Int64(bitPattern: $0.rawValue) },
                record.alwaysAllowed.sorted().map(\.rawValue).joined(separator: ","), record.openToolCall,
                record.archived ? 1 : 0, record.parent?.workerId.rawValue, record.parent?.entry,
            ])
        // The pending approval is a row of its own, written with the worker.
        if let pending = record.pendingApproval {
            try db.cachedStatement(sql: """
                INSERT INTO approvals (worker_id, call_id, tool, arguments, requested_at, event_id, preview_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(worker_id) DO UPDATE SET call_id = excluded.call_id, tool = excluded.tool,
                    arguments = excluded.arguments, requested_at = excluded.requested_at, event_id = excluded.event_id,
                    preview_json = excluded.preview_json
                """).execute(arguments: [record.ref.workerId.rawValue, pending.call.callId, pending.call.tool,
                                 pending.call.arguments, FileStoreRows.seconds(pending.requestedAt), pending.eventId,
                                 pending.preview.map(TranscriptEntry.content(of:))])
        } else {
            try db.cachedStatement(sql: "DELETE FROM approvals WHERE worker_id = ?").execute(arguments: [record.ref.workerId.rawValue])
        }
    }

    private static func putBundle(_ bundle: ConfigBundle, in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let profiles = String(decoding: try encoder.encode(bundle.profiles), as: UTF8.self)
        let declarations = String(decoding: try encoder.encode(bundle.declarations), as: UTF8.self)
        let metadata = bundle.metadata
        try db.cachedStatement(sql: """
            INSERT INTO bundles (id, digest, revision, workspace_id, created_at, provenance, profiles_json, declarations_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET digest = excluded.digest, revision = excluded.revision,
                workspace_id = excluded.workspace_id, created_at = excluded.created_at,
                provenance = excluded.provenance, profiles_json = excluded.profiles_json,
                declarations_json = excluded.declarations_json
            """).execute(arguments: [metadata.id, metadata.digest, metadata.revision, metadata.workspaceId,
                             FileStoreRows.seconds(metadata.createdAt), metadata.provenance, profiles, declarations])
    }
}
