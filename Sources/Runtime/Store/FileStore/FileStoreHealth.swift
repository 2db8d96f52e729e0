import Foundation
import GRDB

/// What `workerdeck doctor` reports about a file store. The only value in the
/// Runtime module that carries a path: print it to the operator, never put it
/// in a projection, an event or a diagnostic.
public struct FileStoreHealth: Sendable, Equatable {
    /// The database file.
    public var path: String
    public var exists: Bool
    /// The newest applied schema migration (nil when empty or unreadable).
    public var schemaVersion: String?
    /// The newest schema this code knows.
    public var knownSchemaVersion: String
    /// `ok`, the first lines of the check's findings, or why the check could not run.
    public var check: String
    /// The pid in the owner lock file while a process holds the lock.
    public var ownerPid: Int32?
    public var ownerLocked: Bool

    public var isHealthy: Bool { !exists || check == "ok" }
}

extension FileStore {
    /// Inspects the store in `root` without writing to it: `quick_check` of
    /// the whole file, or `integrity_check` when `thorough` (both read every
    /// page, so they take time on a large store).
    public static func inspect(root: URL, thorough: Bool = false) -> FileStoreHealth {
        let file = root.appendingPathComponent(defaultFileName)
        let probe = OwnerLock.probe(in: root)
        var health = FileStoreHealth(
            path: file.path, exists: FileManager.default.fileExists(atPath: file.path), schemaVersion: nil,
            knownSchemaVersion: FileStoreSchema.currentVersion, check: "not checked",
            ownerPid: probe.locked ? probe.pid : nil, ownerLocked: probe.locked
        )
        guard health.exists else {
            health.check = "no store yet"
            return health
        }
        let database: DatabaseQueue
        do {
            database = try connect(file, readonly: true)
        } catch {
            health.check = error.message
            return health
        }
        defer { try? database.close() }
        do {
            let (version, findings) = try database.read { db -> (String?, [String]) in
                let hasMigrations = try db.tableExists("grdb_migrations")
                let version = hasMigrations
                    ? try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1")
                    : nil
                let findings = try String.fetchAll(db, sql: thorough ? "PRAGMA integrity_check" : "PRAGMA quick_check")
                return (version, findings)
            }
            health.schemaVersion = version
            health.check = findings.prefix(5).joined(separator: "; ")
        } catch {
            health.check = FileStoreFailure.wrap(error, doing: "checking the database").message
        }
        return health
    }
}
