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

    static func state(_ row: Row) throws -> RuntimeState {
        let table = "runtime_state"
        guard let nextWorker = try UInt32(exactly: row.decode(Int64.self, forColumn: "next_worker_sequence")) else {
            throw RuntimeError.storeCorrupt("unreadable row in \(table)")
        }
        return try RuntimeState(
            runtimeId: parse(row.decode(String.self, forColumn: "runtime_id"), RuntimeId.init(rawValue:), table),
            status: parse(row.decode(String.self, forColumn: "status"), RuntimeStatus.init(rawValue:), table),
            nextWorkerSequence: nextWorker,
            nextEventId: row.decode(forColumn: "next_event_id"),
            nextDiagnosticId: row.decode(forColumn: "next_diagnostic_id")
        )
    }

    static func worker(_ row: Row) throws -> WorkerRecord {
        let table = "workers"
        let runtime = try parse(row.decode(String.self, forColumn: "runtime_id"), RuntimeId.init(rawValue:), table)
        let id = try parse(row.decode(String.self, forColumn: "id"), WorkerId.init(rawValue:), table)
        var lastResult: LastResult?
        if let operation: String = try row.decode(forColumn: "last_operation"),
           let outcome: String = try row.decode(forColumn: "last_outcome") {
            lastResult = try LastResult(
                operation: parse(operation, ExecutionOperation.init(rawValue:), table),
                outcome: parse(outcome, OperationOutcome.init(rawValue:), table),
                message: row.decode(forColumn: "last_message")
            )
        }
        let activeTurn: Int64? = try row.decode(forColumn: "active_turn")
        let lastActivity: Double? = try row.decode(forColumn: "last_activity_at")
        return try WorkerRecord(
            ref: WorkerRef(runtimeId: runtime, workerId: id),
            label: row.decode(forColumn: "label"),
            status: parse(row.decode(String.self, forColumn: "status"), CatalogStatus.init(rawValue:), table),
            execution: ExecutionStatus(
                backend: parse(row.decode(String.self, forColumn: "backend"), BackendState.init(rawValue:), table),
                runState: parse(row.decode(String.self, forColumn: "run_state"), RunState.init(rawValue:), table),
                binding: row.decode(forColumn: "binding"),
                lastResult: lastResult
            ),
            profile: row.decode(forColumn: "profile"),
            model: row.decode(forColumn: "model"),
            configBundle: ConfigBundleRef(id: row.decode(forColumn: "bundle_id"), digest: row.decode(forColumn: "bundle_digest")),
            transcriptLength: row.decode(forColumn: "transcript_length"),
            lastEventId: row.decode(forColumn: "last_event_id"),
            createdAt: date(row.decode(forColumn: "created_at")),
            updatedAt: date(row.decode(forColumn: "updated_at")),
            lastActivityAt: lastActivity.map(date),
            usage: TokenUsage(input: row.decode(forColumn: "usage_input"), output: row.decode(forColumn: "usage_output"),
                              cached: row.decode(forColumn: "usage_cached")),
            activeTurn: activeTurn.map { TurnId(rawValue: UInt64(bitPattern: $0)) }
        )
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

    static func diagnostic(_ row: Row) throws -> RuntimeDiagnostic {
        let table = "diagnostics"
        return try RuntimeDiagnostic(
            id: row.decode(forColumn: "id"),
            severity: parse(row.decode(String.self, forColumn: "severity"), DiagnosticSeverity.init(rawValue:), table),
            code: row.decode(forColumn: "code"),
            message: row.decode(forColumn: "message"),
            workerRef: ref(row, table)
        )
    }

    static func event(_ row: Row) throws -> RuntimeEvent {
        let table = "events"
        return try RuntimeEvent(
            id: row.decode(forColumn: "id"),
            workerRef: ref(row, table),
            kind: parse(row.decode(String.self, forColumn: "kind"), RuntimeEventKind.init(rawValue:), table),
            message: row.decode(forColumn: "message"),
            createdAt: date(row.decode(forColumn: "created_at"))
        )
    }

    static func entry(_ row: Row) throws -> TranscriptEntry {
        let table = "transcript"
        var usage: TokenUsage?
        if let input: Int = try row.decode(forColumn: "usage_input") {
            usage = try TokenUsage(input: input, output: row.decode(forColumn: "usage_output") ?? 0,
                                   cached: row.decode(forColumn: "usage_cached") ?? 0)
        }
        return try TranscriptEntry(
            sequence: row.decode(forColumn: "sequence"),
            role: parse(row.decode(String.self, forColumn: "role"), TranscriptRole.init(rawValue:), table),
            kind: parse(row.decode(String.self, forColumn: "kind"), TranscriptKind.init(rawValue:), table),
            content: row.decode(forColumn: "content"),
            eventId: row.decode(forColumn: "event_id"),
            createdAt: date(row.decode(forColumn: "created_at")),
            usage: usage
        )
    }

    private static func ref(_ row: Row, _ table: String) throws -> WorkerRef? {
        guard let runtime: String = try row.decode(forColumn: "runtime_id"),
              let worker: String = try row.decode(forColumn: "worker_id") else { return nil }
        return try WorkerRef(runtimeId: parse(runtime, RuntimeId.init(rawValue:), table),
                             workerId: parse(worker, WorkerId.init(rawValue:), table))
    }

    private static func parse<T>(_ raw: String, _ make: (String) -> T?, _ table: String) throws -> T {
        guard let value = make(raw) else { throw RuntimeError.storeCorrupt("unreadable row in \(table)") }
        return value
    }
}
