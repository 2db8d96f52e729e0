import Foundation
import Testing
@testable import Runtime

/// R5: damaged, truncated, foreign, newer and unreachable stores fail with a
/// typed, path-free error and are never written.
@Suite("FileStore faults")
struct FileStoreFaultTests {
    typealias F = StoreFixture

    /// A store with a catalog and a transcript, closed (WAL checkpointed).
    private func makeClosedStore(_ dir: StoreTempDir, entries: Int = 40) throws {
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: entries)
        try store.commit(StoreTransaction([.bundle(F.bundle), .diagnostic(F.diagnostic(1))]))
        store.close()
    }

    private func expectUntouched(_ dir: StoreTempDir, after open: () throws -> Void) throws -> RuntimeError? {
        let before = try Data(contentsOf: dir.databaseFile)
        var thrown: RuntimeError?
        do { try open() } catch let error as RuntimeError { thrown = error }
        #expect(try Data(contentsOf: dir.databaseFile) == before, "the failed open changed the file")
        if let thrown {
            #expect(!thrown.message.contains(dir.url.path), "message leaks the path")
            #expect(!thrown.message.contains("/"), "message carries a path-like text")
        }
        return thrown
    }

    @Test func garbageFileIsCorruptAndUntouched() throws {
        let dir = StoreTempDir()
        try FileManager.default.createDirectory(at: dir.root, withIntermediateDirectories: true)
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        try garbage.write(to: dir.databaseFile)
        for mode in [FileStore.OpenMode.owner, .automatic] {
            let error = try expectUntouched(dir) { _ = try FileStore.open(root: dir.root, mode: mode) }
            #expect(error == .storeCorrupt("the file is not a database"))
        }
    }

    @Test func truncatedFileIsCorruptAndUntouched() throws {
        let dir = StoreTempDir()
        try makeClosedStore(dir, entries: 400)
        let whole = try Data(contentsOf: dir.databaseFile)
        try whole.prefix(whole.count / 2).write(to: dir.databaseFile)
        let error = try expectUntouched(dir) { _ = try FileStore.open(root: dir.root, mode: .owner) }
        guard case .storeCorrupt = error else {
            Issue.record("expected storeCorrupt, got \(String(describing: error))")
            return
        }
    }

    @Test func damagedCatalogPageFailsQuickCheckAndIsUntouched() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        var changes: [StoreChange] = [.state(F.state(nextWorker: 301))]
        changes += (1...300).map { .worker(F.worker(UInt32($0))) }
        try store.commit(StoreTransaction(changes))
        let rootPage = try #require(try store.queryIntForTesting("SELECT rootpage FROM sqlite_master WHERE name = 'workers'"))
        let pageSize = try #require(try store.queryIntForTesting("PRAGMA page_size"))
        store.close()

        // The workers table spans several pages, so its root is an interior
        // page; point its right-most child far beyond the end of the file.
        let handle = try FileHandle(forUpdating: dir.databaseFile)
        try handle.seek(toOffset: UInt64((rootPage - 1) * pageSize))
        let header = try #require(try handle.read(upToCount: 12))
        #expect(header[0] == 0x05, "expected an interior table page")
        try handle.seek(toOffset: UInt64((rootPage - 1) * pageSize + 8))
        try handle.write(contentsOf: Data([0, 0xFF, 0xFF, 0xFF]))
        try handle.close()

        let error = try expectUntouched(dir) { _ = try FileStore.open(root: dir.root, mode: .owner) }
        guard case .storeCorrupt = error else {
            Issue.record("expected storeCorrupt, got \(String(describing: error))")
            return
        }
    }

    /// `load()` must not read transcripts or events: with their b-tree pages
    /// destroyed it still works, while a page read reports the damage.
    @Test func loadNeverReadsTranscriptOrEventPages() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: 2_000)
        var roots: [Int] = []
        for name in ["transcript", "sqlite_autoindex_transcript_1", "events"] {
            roots.append(try #require(try store.queryIntForTesting("SELECT rootpage FROM sqlite_master WHERE name = '\(name)'")))
        }
        let pageSize = try #require(try store.queryIntForTesting("PRAGMA page_size"))
        let before = try store.load()
        store.close()

        let handle = try FileHandle(forUpdating: dir.databaseFile)
        for root in roots {
            try handle.seek(toOffset: UInt64((root - 1) * pageSize))
            try handle.write(contentsOf: Data(repeating: 0xEE, count: 64))
        }
        try handle.close()

        let damaged = try FileStore.open(root: dir.root, mode: .owner)
        defer { damaged.close() }
        #expect(try damaged.load() == before)
        #expect(throws: RuntimeError.storeCorrupt("the database file is damaged (reading a transcript page)")) {
            _ = try damaged.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10)
        }
        #expect(throws: RuntimeError.storeCorrupt("the database file is damaged (reading the event log)")) {
            _ = try damaged.lastEventId()
        }
        #expect(FileStore.inspect(root: dir.root).check != "ok")
    }

    @Test func newerSchemaIsUnavailableAndUntouched() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: 3)
        try store.executeForTesting("INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
        store.close()
        for mode in [FileStore.OpenMode.owner, .automatic, .observer] {
            let error = try expectUntouched(dir) { _ = try FileStore.open(root: dir.root, mode: mode) }
            #expect(error == .storeUnavailable(
                "the store has a newer schema than this version of workerdeck knows (\(FileStoreSchema.currentVersion)); upgrade workerdeck"))
        }
    }

    @Test func foreignSQLiteFileIsNotAStore() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try store.executeForTesting("DROP TABLE grdb_migrations")
        store.close()
        let error = try expectUntouched(dir) { _ = try FileStore.open(root: dir.root, mode: .owner) }
        #expect(error == .storeCorrupt("the file is not a WorkerDeck store"))
    }

    @Test func unreadableCatalogRowIsCorruptNotACrash() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        try F.seed(store, entries: 1)
        try store.executeForTesting("UPDATE workers SET status = 'exploded'")
        #expect(throws: RuntimeError.storeCorrupt("unreadable row in workers")) { _ = try store.load() }
        #expect(throws: RuntimeError.storeCorrupt("unreadable row in workers")) {
            _ = try WorkerRuntime(workspaceId: "ws-test", store: store, backend: nil)
        }
    }

    @Test func rootThatIsAFileIsUnavailable() throws {
        let dir = StoreTempDir()
        try Data("not a directory".utf8).write(to: dir.root)
        #expect(throws: RuntimeError.storeUnavailable("the store root is not a directory")) {
            _ = try FileStore.open(root: dir.root)
        }
        #expect(try Data(contentsOf: dir.root) == Data("not a directory".utf8))
    }

    @Test func databasePathThatIsADirectoryIsUnavailableAndKept() throws {
        let dir = StoreTempDir()
        try FileManager.default.createDirectory(at: dir.databaseFile, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: dir.databaseFile.appendingPathComponent("inside"))
        for mode in [FileStore.OpenMode.owner, .observer] {
            #expect(throws: RuntimeError.self) { _ = try FileStore.open(root: dir.root, mode: mode) }
        }
        #expect(throws: RuntimeError.storeUnavailable("the database file cannot be opened")) {
            _ = try FileStore.open(root: dir.root, mode: .owner)
        }
        #expect(try Data(contentsOf: dir.databaseFile.appendingPathComponent("inside")) == Data("keep me".utf8))
    }

    @Test(.enabled(if: getuid() != 0, "root ignores directory permissions"))
    func unreadableDirectoryIsUnavailable() throws {
        let dir = StoreTempDir()
        try makeClosedStore(dir)
        #expect(chmod(dir.root.path, 0) == 0)
        defer { _ = chmod(dir.root.path, 0o700) }
        #expect(throws: RuntimeError.storeUnavailable("the store directory cannot be written")) {
            _ = try FileStore.open(root: dir.root, mode: .owner)
        }
        #expect(throws: RuntimeError.storeUnavailable("the store directory cannot be read")) {
            _ = try FileStore.open(root: dir.root, mode: .observer)
        }
    }

    @Test func observerOfMissingStoreIsUnavailableAndCreatesNothing() throws {
        let dir = StoreTempDir()
        #expect(throws: RuntimeError.storeUnavailable("no store exists yet")) {
            _ = try FileStore.open(root: dir.root, mode: .observer)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.root.path))
    }

    @Test func createsRootAndFilesPrivately() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        try F.seed(store, entries: 2)
        func mode(_ name: String?) throws -> Int {
            let url = name.map { dir.root.appendingPathComponent($0) } ?? dir.root
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
        }
        #expect(try mode(nil) == 0o700)
        for name in ["runtime.sqlite", "runtime.sqlite-wal", "runtime.sqlite-shm", "owner.lock"] {
            #expect(try mode(name) == 0o600, "\(name)")
        }
    }

    @Test func inspectReportsPathVersionCheckAndOwner() throws {
        let dir = StoreTempDir()
        #expect(FileStore.inspect(root: dir.root).check == "no store yet")
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: 5)
        let health = FileStore.inspect(root: dir.root, thorough: true)
        #expect(health == FileStoreHealth(
            path: dir.databaseFile.path, exists: true, schemaVersion: FileStoreSchema.currentVersion, knownSchemaVersion: FileStoreSchema.currentVersion,
            check: "ok", ownerPid: getpid(), ownerLocked: true
        ))
        store.close()
        #expect(FileStore.inspect(root: dir.root).ownerLocked == false)
    }
}

/// Schema upgrades keep every row: a v1 store (no `interrupted` column)
/// opens as v2 with its transcript intact and unflagged, and the flag
/// round-trips after the upgrade.
@Suite("FileStore migrations")
struct FileStoreMigrationTests {
    typealias F = StoreFixture

    @Test func aVersionOneStoreIsUpgradedWithItsTranscript() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: 3)
        // Back to v1 as shipped: later columns, tables and migration rows removed.
        try F.downgradeToV2(store)
        try store.executeForTesting("ALTER TABLE transcript DROP COLUMN interrupted")
        try store.executeForTesting("DELETE FROM grdb_migrations WHERE identifier = 'v2'")
        store.close()
        #expect(FileStore.inspect(root: dir.root).schemaVersion == "v1")

        let upgraded = try FileStore.open(root: dir.root, mode: .owner)
        defer { upgraded.close() }
        #expect(FileStore.inspect(root: dir.root).schemaVersion == FileStoreSchema.currentVersion)
        let entries = try upgraded.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10)
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { !$0.interrupted })
        var flagged = F.entry(4)
        flagged.interrupted = true
        try upgraded.commit(StoreTransaction([.transcript(WorkerId(sequence: 1), flagged)]))
        #expect(try upgraded.transcript(worker: WorkerId(sequence: 1), start: 3, limit: 1) == [flagged])
    }

    /// A v2 store (before tools) opens as v3: its workers allow nothing
    /// always, have no open call and no pending approval, and the new
    /// columns and the approvals table round-trip.
    @Test func aVersionTwoStoreIsUpgradedWithItsWorkers() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        try F.seed(store, entries: 3)
        try F.downgradeToV2(store)
        store.close()
        #expect(FileStore.inspect(root: dir.root).schemaVersion == "v2")

        let upgraded = try FileStore.open(root: dir.root, mode: .owner)
        defer { upgraded.close() }
        #expect(FileStore.inspect(root: dir.root).schemaVersion == FileStoreSchema.currentVersion)
        var worker = try #require(upgraded.load().workers.first)
        #expect(worker.alwaysAllowed.isEmpty && worker.openToolCall == nil && worker.pendingApproval == nil)
        #expect(try upgraded.transcript(worker: worker.ref.workerId, start: 0, limit: 10).count == 3)

        worker.alwaysAllowed = [.edit, .bash]
        worker.openToolCall = "call-1"
        worker.pendingApproval = PendingApproval(call: ToolCallRequest(callId: "call-1", tool: "edit", arguments: "{}"),
                                                 requestedAt: Date(timeIntervalSinceReferenceDate: 10), eventId: 9,
                                                 preview: ApprovalPreview(diff: "-x\n+y\n", directory: "workspace"))
        try upgraded.commit(StoreTransaction([.worker(worker)]))
        #expect(try upgraded.load().workers.first == worker)
        worker.pendingApproval = nil
        try upgraded.commit(StoreTransaction([.worker(worker)]))
        #expect(try upgraded.load().workers.first == worker)
    }
}

extension StoreFixture {
    /// Back to v2 as shipped: the v3 columns, table and migration row removed.
    static func downgradeToV2(_ store: FileStore) throws {
        try downgradeToV3(store)
        try store.executeForTesting("DROP TABLE approvals")
        try store.executeForTesting("ALTER TABLE workers DROP COLUMN always_allowed")
        try store.executeForTesting("ALTER TABLE workers DROP COLUMN open_tool_call")
        try store.executeForTesting("DELETE FROM grdb_migrations WHERE identifier = 'v3'")
    }
}

extension StoreFixture {
    /// Back to v3 as shipped: the v4 columns, table and migration row removed.
    static func downgradeToV3(_ store: FileStore) throws {
        try downgradeToV4(store)
        try store.executeForTesting("DROP TABLE pending_removals")
        try store.executeForTesting("ALTER TABLE workers DROP COLUMN archived")
        try store.executeForTesting("ALTER TABLE workers DROP COLUMN parent_worker_id")
        try store.executeForTesting("ALTER TABLE workers DROP COLUMN parent_entry")
        try store.executeForTesting("DELETE FROM grdb_migrations WHERE identifier = 'v4'")
    }
}
