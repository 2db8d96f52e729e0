#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

extension FileStore {
    /// Opens (creating when missing, unless observing) the store in `root`.
    ///
    /// The root is created with mode 0700 and the database with 0600 (its
    /// `-wal`/`-shm` files inherit that mode). An existing database is checked
    /// before anything is written to it: not a database, not a WorkerDeck
    /// store, a newer schema, or a catalog table failing `quick_check` throws
    /// `storeCorrupt`/`storeUnavailable` and leaves the file untouched.
    ///
    /// - Throws: `storeUnavailable` (cannot open, owned by another console in
    ///   `.owner` mode, newer schema, nothing to observe yet) or
    ///   `storeCorrupt` (damaged or foreign file). Messages are path-free.
    public static func open(root: URL, mode: OpenMode = .automatic) throws(RuntimeError) -> FileStore {
        try prepareRoot(root, create: mode != .observer)
        let file = root.appendingPathComponent(defaultFileName)
        switch mode {
        case .observer:
            let probe = OwnerLock.probe(in: root)
            return try openObserver(root: root, file: file, owner: probe.locked ? probe.pid : nil)
        case .owner, .automatic:
            switch try OwnerLock.acquire(in: root) {
            case let .owned(lock):
                do {
                    return try openOwner(root: root, file: file, lock: lock)
                } catch {
                    lock.release()
                    throw error
                }
            case let .busy(pid):
                if mode == .owner {
                    // Operator-facing (a refused `:takeover`): no pid of
                    // another process. `access` of an observer still names
                    // it, for the log and nothing else.
                    throw .storeUnavailable("owned by another console")
                }
                return try openObserver(root: root, file: file, owner: pid)
            }
        }
    }

    /// Whether a live process owns the store in `root` now (probed without
    /// keeping the lock): a client attaches to it instead of opening the store.
    public static func isOwned(root: URL) -> Bool {
        OwnerLock.probe(in: root).locked
    }

    static func ownerDescription(_ pid: Int32?) -> String {
        pid.map { "pid \($0)" } ?? "pid unknown"
    }

    private static func prepareRoot(_ root: URL, create: Bool) throws(RuntimeError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .storeUnavailable("the store root is not a directory") }
        } else {
            guard create else { throw .storeUnavailable("no store exists yet") }
            do {
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .storeUnavailable("the store directory cannot be created")
            }
            guard chmod(root.path, 0o700) == 0 else { throw .storeUnavailable("the store directory cannot be secured") }
        }
        let wanted = create ? R_OK | W_OK | X_OK : R_OK | X_OK
        guard posixAccess(root.path, wanted) else {
            throw .storeUnavailable("the store directory cannot be \(create ? "written" : "read")")
        }
    }

    private static func openOwner(root: URL, file: URL, lock: OwnerLock) throws(RuntimeError) -> FileStore {
        // Create the file ourselves so SQLite's -wal/-shm inherit mode 0600.
        guard let size = posixCreateFile(file.path, mode: 0o600) else {
            throw .storeUnavailable("the database file cannot be opened")
        }

        if size > 0 {
            // Check with a connection that cannot write, so a bad file stays as it is.
            let checker = try connect(file, readonly: true)
            defer { try? checker.close() }
            _ = try check(checker, requireCurrent: false)
        }
        let database = try connect(file, readonly: false)
        do {
            let mode = try database.writeWithoutTransaction { db in
                try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            guard mode == "wal" else { throw RuntimeError.storeUnavailable("the database cannot use write-ahead logging") }
            try FileStoreSchema.migrator.migrate(database)
        } catch {
            try? database.close()
            throw FileStoreFailure.wrap(error, doing: "preparing the database")
        }
        return FileStore(root: root, database: database, access: .owner, ownerLock: lock)
    }

    private static func openObserver(root: URL, file: URL, owner: Int32?) throws(RuntimeError) -> FileStore {
        var info = stat()
        guard stat(file.path, &info) == 0, info.st_size > 0 else { throw .storeUnavailable("no store exists yet") }
        let database = try connect(file, readonly: true)
        do {
            _ = try check(database, requireCurrent: true)
        } catch {
            try? database.close()
            throw error
        }
        let description = owner == nil ? "none" : ownerDescription(owner)
        return FileStore(root: root, database: database, access: .readOnly(owner: description), ownerLock: nil)
    }

    static func connect(_ file: URL, readonly: Bool) throws(RuntimeError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "workerdeck.store"
        if !readonly {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        do {
            return try DatabaseQueue(path: file.path, configuration: configuration)
        } catch {
            throw FileStoreFailure.wrap(error, doing: "opening the database")
        }
    }

    /// Checks an open database without writing to it; returns the applied
    /// schema version (nil for an empty file).
    ///
    /// - Parameter requireCurrent: an observer cannot migrate, so it needs
    ///   exactly the schema this code knows.
    static func check(_ database: DatabaseQueue, requireCurrent: Bool) throws(RuntimeError) -> String? {
        do {
            return try database.read { db -> String? in
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    """)
                guard !tables.isEmpty else {
                    if requireCurrent { throw RuntimeError.storeUnavailable("no store exists yet") }
                    return nil
                }
                guard tables.contains("grdb_migrations") else {
                    throw RuntimeError.storeCorrupt("the file is not a WorkerDeck store")
                }
                let migrator = FileStoreSchema.migrator
                let applied = try migrator.appliedMigrations(db)
                if try migrator.hasBeenSuperseded(db) {
                    throw RuntimeError.storeUnavailable(
                        "the store has a newer schema than this version of workerdeck knows "
                            + "(\(FileStoreSchema.currentVersion)); upgrade workerdeck")
                }
                if requireCurrent, try !migrator.hasCompletedMigrations(db) {
                    throw RuntimeError.storeUnavailable("the store has an older schema; it is upgraded when its owner opens it")
                }
                for table in FileStoreSchema.catalogTables where tables.contains(table) {
                    let result = try String.fetchAll(db, sql: "PRAGMA quick_check(\(table))")
                    guard result == ["ok"] else {
                        throw RuntimeError.storeCorrupt("the database failed its integrity check")
                    }
                }
                return applied.last
            }
        } catch {
            throw FileStoreFailure.wrap(error, doing: "checking the database")
        }
    }
}

// File-scope wrappers: inside `FileStore`, `open`, `close` and `access` name its own members.

/// Opens or creates `path` with `mode` and returns its size, or nil on failure.
private func posixCreateFile(_ path: String, mode: mode_t) -> Int64? {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var info = stat()
    return fstat(fd, &info) == 0 ? Int64(info.st_size) : nil
}

private func posixAccess(_ path: String, _ mode: Int32) -> Bool {
    access(path, mode) == 0
}
