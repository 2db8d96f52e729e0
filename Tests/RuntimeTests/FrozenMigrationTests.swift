import Foundation
@testable import Runtime
import Testing

/// Migrations are frozen once shipped (style.md): the SQL of v1–v3 is pinned
/// here, and a store written by the code of that schema opens, migrates and
/// keeps every record.
@Suite("Frozen migrations", .serialized)
struct FrozenMigrationTests {
    /// FNV-1a (64-bit) of the migration's SQL: any edit changes it. A new
    /// migration is appended to `FileStoreSchema.all` with a pin of its own.
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    @Test func shippedMigrationsAreUnchanged() {
        let pinned: [(String, Int, UInt64)] = [
            ("v1", 2080, 0xa154_6afd_ce27_6562),
            ("v2", 103, 0x1b9d_0fc7_4e39_0b46),
            ("v3", 387, 0x0f64_f7a4_2e40_7c57),
        ]
        let shipped = FileStoreSchema.all.prefix(pinned.count)
        #expect(shipped.map(\.identifier) == pinned.map(\.0))
        for (migration, pin) in zip(shipped, pinned) {
            #expect(migration.sql.utf8.count == pin.1, "\(migration.identifier) was edited; append a migration instead")
            #expect(Self.fingerprint(migration.sql) == pin.2, "\(migration.identifier) was edited; append a migration instead")
        }
        #expect(FileStoreSchema.all.map(\.identifier).starts(with: ["v1", "v2", "v3", "v4"]))
    }

    /// A copy of `Fixtures/store-v3.sqlite` in a fresh store root: the
    /// checked-in file is never opened for writing.
    static func fixtureCopy() throws -> StoreTempDir {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/store-v3.sqlite")
        let dir = StoreTempDir()
        try FileManager.default.createDirectory(at: dir.root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(at: fixture, to: dir.databaseFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir.databaseFile.path)
        return dir
    }

    /// `Fixtures/store-v3.sqlite` was written by the code at schema v3 (see
    /// `make-store-v3.sh`): three workers (one renamed, one stopped, one
    /// waiting for an approval of a bash call), eight entries, fifteen events.
    @Test func aStoreOfTheV3SchemaMigratesWithEveryRecordIntact() async throws {
        let dir = try Self.fixtureCopy()
        #expect(FileStore.inspect(root: dir.root).schemaVersion == "v3")
        do {
            let store = try FileStore.open(root: dir.root, mode: .owner)
            defer { store.close() }
            let snapshot = try store.load()
            let state = try #require(snapshot.state)
            #expect(state.runtimeId == .embedded && state.status == .running)
            #expect(state.nextWorkerSequence == 4 && state.nextEventId == 16)
            #expect(snapshot.workers.map(\.ref.workerId.rawValue) == ["worker-00000001", "worker-00000002", "worker-00000003"])
            #expect(snapshot.workers.map(\.label) == ["alpha renamed", "beta", "gamma"])
            #expect(snapshot.workers.map(\.status) == [.running, .stopped, .running])
            #expect(snapshot.workers.map(\.profile) == ["scripted", "scripted", "tooly"])
            #expect(snapshot.workers.map(\.transcriptLength) == [2, 4, 2])
            #expect(snapshot.workers.map(\.lastEventId) == [15, 10, 14])
            #expect(snapshot.workers.allSatisfy { !$0.archived && $0.parent == nil }, "the new columns take their defaults")
            let gamma = snapshot.workers[2]
            #expect(gamma.execution.runState == .awaitingApproval && gamma.openToolCall == "scripted-1")
            let approval = try #require(gamma.pendingApproval)
            #expect(approval.call.callId == "scripted-1" && approval.call.tool == "bash" && approval.eventId == 14)
            #expect(approval.call.arguments == #"{"command":"echo hi"}"#)
            #expect(snapshot.bundles.map(\.metadata.id) == ["workspace-runtime-scripted", "workspace-runtime-tooly"])
            #expect(snapshot.pendingRemovals.isEmpty)

            let beta = try store.transcript(worker: WorkerId(sequence: 2), start: 0, limit: 10)
            #expect(beta.map(\.content) == ["first question", "[scripted] question first", "second question", "[scripted] question second"])
            #expect(beta.map(\.role) == [.user, .assistant, .user, .assistant])
            let alpha = try store.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10)
            #expect(alpha.map(\.content) == ["hello fixture world", "[scripted] world fixture hello"])
            let tool = try store.transcript(worker: WorkerId(sequence: 3), start: 0, limit: 10)
            #expect(tool.map(\.kind) == [.message, .toolCall])
            let events = try store.events(from: 1, limit: 100)
            #expect(events.map(\.id) == Array(1...15))
            #expect(events.map(\.kind.rawValue) == [
                "runtime_started", "worker_created", "worker_input_accepted", "worker_turn_completed",
                "worker_created", "worker_input_accepted", "worker_turn_completed", "worker_input_accepted",
                "worker_turn_completed", "worker_stopped", "worker_created", "worker_input_accepted",
                "worker_tool_called", "worker_approval_requested", "worker_renamed",
            ])
        }
        #expect(FileStore.inspect(root: dir.root).schemaVersion == FileStoreSchema.currentVersion)

        // The migrated store takes the new operations, and keeps them.
        do {
            let store = try FileStore.open(root: dir.root, mode: .owner)
            defer { store.close() }
            let runtime = try makeRuntime(store: store)
            try await runtime.setArchived(WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 2)), true)
            let fork = try await runtime.fork(WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 1)), at: 1)
            #expect(fork.ref.workerId == WorkerId(sequence: 4))
            _ = try await runtime.deleteWorker(WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 2)))
        }
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        let reopened = try store.load()
        #expect(reopened.workers.map(\.ref.workerId.rawValue) == ["worker-00000001", "worker-00000003", "worker-00000004"])
        #expect(reopened.workers.last?.parent == WorkerParent(workerId: WorkerId(sequence: 1), entry: 1))
        #expect(try store.transcript(worker: WorkerId(sequence: 4), start: 0, limit: 10).map(\.content) == ["hello fixture world"])
    }
}
