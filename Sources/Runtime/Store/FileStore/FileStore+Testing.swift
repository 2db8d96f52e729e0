import GRDB

/// Hooks for the Runtime tests (`@testable import`), to build faults that a
/// public API must never offer: a full disk, a foreign schema row, a raw page
/// number. Not for production callers.
extension FileStore {
    /// Caps the database at its current size plus `extraPages` (nil lifts
    /// the cap), which makes a growing write fail as on a full disk.
    func limitGrowthForTesting(extraPages: Int?) throws(RuntimeError) {
        let limit: String
        if let extraPages {
            limit = String((try queryIntForTesting("PRAGMA page_count") ?? 0) + extraPages)
        } else {
            limit = "4294967294"
        }
        try executeForTesting("PRAGMA max_page_count = \(limit)")
    }

    /// Runs SQL on the owner's connection, outside any transaction.
    func executeForTesting(_ sql: String) throws(RuntimeError) {
        try session.withLock { (_: inout Session) throws(RuntimeError) in
            do {
                try database.writeWithoutTransaction { db in
                    try db.execute(sql: sql)
                }
            } catch {
                throw FileStoreFailure.wrap(error, doing: "running test SQL")
            }
        }
    }

    func queryIntForTesting(_ sql: String) throws(RuntimeError) -> Int? {
        try read("running a test query") { db in try Int.fetchOne(db, sql: sql) }
    }
}
