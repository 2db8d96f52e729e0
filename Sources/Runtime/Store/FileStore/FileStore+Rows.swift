import Foundation
import GRDB

/// Reading and writing the model values as rows of `FileStoreSchema`.
///
/// Decoding never traps: a value the code does not recognise (a damaged or
/// foreign row) throws `storeCorrupt` naming the table, never the content.
enum FileStoreRows {
    // MARK: Dates

    static func seconds(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }

    // MARK: Reading
    //
    // Rows are selected with the column lists below and decoded by position
    // (GRDB's by-name lookup lower-cases every name on every call, which
    // dominates loading a 1,000-worker catalog).

    static let stateColumns = "runtime_id, status, next_worker_sequence, next_event_id, next_diagnostic_id"

    static func state(_ row: Row) throws -> RuntimeState {
        let table = "runtime_state"
        var r = RowReader(row)
        let runtime = try parse(r.next(String.self), RuntimeId.init(rawValue:), table)
        let status = try parse(r.next(String.self), RuntimeStatus.init(rawValue:), table)
        guard let nextWorker = try UInt32(exactly: r.next(Int64.self)) else {
            throw RuntimeError.storeCorrupt("unreadable row in \(table)")
        }
        return try RuntimeState(runtimeId: runtime, status: status, nextWorkerSequence: nextWorker,
                                nextEventId: r.next(), nextDiagnosticId: r.next())
    }

    static let workerColumns = """
        id, runtime_id, label, status, backend, run_state, binding, last_operation, last_outcome, last_message, \
        profile, model, bundle_id, bundle_digest, transcript_length, last_event_id, created_at, updated_at, \
        last_activity_at, usage_input, usage_output, usage_cached, active_turn, always_allowed, open_tool_call, \
        archived, parent_worker_id, parent_entry
        """

    static func worker(_ row: Row) throws -> WorkerRecord {
        let table = "workers"
        var r = RowReader(row)
        let id = try parse(r.next(String.self), WorkerId.init(rawValue:), table)
        let runtime = try parse(r.next(String.self), RuntimeId.init(rawValue:), table)
        let label = try r.next(String?.self)
        let status = try parse(r.next(String.self), CatalogStatus.init(rawValue:), table)
        let backend = try parse(r.next(String.self), BackendState.init(rawValue:), table)
        let runState = try parse(r.next(String.self), RunState.init(rawValue:), table)
        let binding = try r.next(String?.self)
        let operation = try r.next(String?.self), outcome = try r.next(String?.self), message = try r.next(String?.self)
        var lastResult: LastResult?
        if let operation, let outcome {
            lastResult = try LastResult(operation: parse(operation, ExecutionOperation.init(rawValue:), table),
                                        outcome: parse(outcome, OperationOutcome.init(rawValue:), table),
                                        message: message)
        }
        var record = try WorkerRecord(
            ref: WorkerRef(runtimeId: runtime, workerId: id), label: label, status: status,
            execution: ExecutionStatus(backend: backend, runState: runState, binding: binding, lastResult: lastResult),
            profile: r.next(), model: r.next(),
            configBundle: ConfigBundleRef(id: r.next(), digest: r.next()),
            transcriptLength: r.next(), lastEventId: r.next(),
            createdAt: date(r.next()), updatedAt: date(r.next()),
            lastActivityAt: r.next(Double?.self).map(date),
            usage: TokenUsage(input: r.next(), output: r.next(), cached: r.next()),
            activeTurn: r.next(Int64?.self).map { TurnId(rawValue: UInt64(bitPattern: $0)) }
        )
        let allowed = try r.next(String.self)
        record.alwaysAllowed = try Set(allowed.split(separator: ",").map { try parse(String($0), ToolName.init(rawValue:), table) })
        record.openToolCall = try r.next(String?.self)
        let archived = try r.next(Int.self)
        guard archived == 0 || archived == 1 else { throw RuntimeError.storeCorrupt("unreadable row in \(table)") }
        record.archived = archived == 1
        let parent = try r.next(String?.self), parentEntry = try r.next(Int?.self)
        if let parent, let parentEntry {
            record.parent = try WorkerParent(workerId: parse(parent, WorkerId.init(rawValue:), table), entry: parentEntry)
        }
        return record
    }

    static let pendingRemovalColumns = "worker_id, runtime_id, profile, requested_at"

    static func pendingRemoval(_ row: Row) throws -> PendingRemoval {
        let table = "pending_removals"
        var r = RowReader(row)
        let worker = try parse(r.next(String.self), WorkerId.init(rawValue:), table)
        let runtime = try parse(r.next(String.self), RuntimeId.init(rawValue:), table)
        return try PendingRemoval(ref: WorkerRef(runtimeId: runtime, workerId: worker), profile: r.next(), requestedAt: date(r.next()))
    }

    static let approvalColumns = "worker_id, call_id, tool, arguments, requested_at, event_id, preview_json"

    static func approval(_ row: Row) throws -> (WorkerId, PendingApproval) {
        var r = RowReader(row)
        let worker = try parse(r.next(String.self), WorkerId.init(rawValue:), "approvals")
        let call = try ToolCallRequest(callId: r.next(), tool: r.next(), arguments: r.next())
        let requestedAt = try date(r.next()), eventId = try r.next(Int64.self)
        let preview = try r.next(String?.self).map { json in
            do { return try JSONDecoder().decode(ApprovalPreview.self, from: Data(json.utf8)) } catch {
                throw RuntimeError.storeCorrupt("unreadable row in approvals")
            }
        }
        return (worker, PendingApproval(call: call, requestedAt: requestedAt, eventId: eventId, preview: preview))
    }

    static func bundle(_ row: Row) throws -> ConfigBundle {
        let decoder = JSONDecoder()
        let profiles = try decoder.decode([ConfigBundle.ProfileDeclaration].self,
                                          from: Data(row.decode(String.self, forColumn: "profiles_json").utf8))
        let declarations = try decoder.decode([ConfigBundle.Declaration].self,
                                              from: Data(row.decode(String.self, forColumn: "declarations_json").utf8))
        return try ConfigBundle(
            metadata: .init(
                id: row.decode(forColumn: "id"), digest: row.decode(forColumn: "digest"),
                revision: row.decode(forColumn: "revision"), workspaceId: row.decode(forColumn: "workspace_id"),
                createdAt: date(row.decode(forColumn: "created_at")), provenance: row.decode(forColumn: "provenance")
            ),
            profiles: profiles, declarations: declarations
        )
    }

    static let diagnosticColumns = "id, severity, code, message, runtime_id, worker_id"

    static func diagnostic(_ row: Row) throws -> RuntimeDiagnostic {
        let table = "diagnostics"
        var r = RowReader(row)
        return try RuntimeDiagnostic(
            id: r.next(),
            severity: parse(r.next(String.self), DiagnosticSeverity.init(rawValue:), table),
            code: r.next(), message: r.next(),
            workerRef: ref(r.next(), r.next(), table)
        )
    }

    static let eventColumns = "id, runtime_id, worker_id, kind, message, created_at"

    static func event(_ row: Row) throws -> RuntimeEvent {
        let table = "events"
        var r = RowReader(row)
        let id = try r.next(Int64.self)
        let workerRef = try ref(r.next(), r.next(), table)
        return try RuntimeEvent(
            id: id, workerRef: workerRef,
            kind: parse(r.next(String.self), RuntimeEventKind.init(rawValue:), table),
            message: r.next(), createdAt: date(r.next())
        )
    }

    static let entryColumns = "sequence, role, kind, content, event_id, created_at, usage_input, usage_output, usage_cached, interrupted"

    static func entry(_ row: Row) throws -> TranscriptEntry {
        let table = "transcript"
        var r = RowReader(row)
        let sequence = try r.next(Int.self)
        let role = try parse(r.next(String.self), TranscriptRole.init(rawValue:), table)
        let kind = try parse(r.next(String.self), TranscriptKind.init(rawValue:), table)
        let content = try r.next(String.self), eventId = try r.next(Int64.self), createdAt = try date(r.next())
        let input = try r.next(Int?.self), output = try r.next(Int?.self), cached = try r.next(Int?.self)
        let interrupted = try r.next(Int.self)
        guard interrupted == 0 || interrupted == 1 else { throw RuntimeError.storeCorrupt("unreadable row in \(table)") }
        return TranscriptEntry(
            sequence: sequence, role: role, kind: kind, content: content, eventId: eventId, createdAt: createdAt,
            usage: input.map { TokenUsage(input: $0, output: output ?? 0, cached: cached ?? 0) }, interrupted: interrupted == 1
        )
    }

    private static func ref(_ runtime: String?, _ worker: String?, _ table: String) throws -> WorkerRef? {
        guard let runtime, let worker else { return nil }
        return try WorkerRef(runtimeId: parse(runtime, RuntimeId.init(rawValue:), table),
                             workerId: parse(worker, WorkerId.init(rawValue:), table))
    }

    private static func parse<T>(_ raw: String, _ make: (String) -> T?, _ table: String) throws -> T {
        guard let value = make(raw) else { throw RuntimeError.storeCorrupt("unreadable row in \(table)") }
        return value
    }
}

/// Reads a row's columns in order, throwing (never trapping) on a value of
/// the wrong type.
private struct RowReader {
    let row: Row
    var index = 0

    init(_ row: Row) { self.row = row }

    mutating func next<Value: DatabaseValueConvertible>(_ type: Value.Type = Value.self) throws -> Value {
        defer { index += 1 }
        return try row.decode(type, atIndex: index)
    }
}
