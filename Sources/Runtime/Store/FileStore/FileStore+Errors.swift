import Foundation
import GRDB
import Synchronization

/// Where the underlying cause of a store failure goes: the typed error
/// keeps only a fixed, path-free sentence, so the executable installs a sink
/// that logs the full cause (its log handler scrubs secrets and paths).
public enum StoreFailureLog {
    private static let sink = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// Installs the process's sink (the executable's logger).
    public static func install(_ log: @escaping @Sendable (String) -> Void) {
        sink.withLock { $0 = log }
    }

    static func record(_ line: String) {
        let log = sink.withLock { $0 }
        log?(line)
    }
}

/// Turns whatever a database operation threw into a `RuntimeError`.
///
/// Invariant: no `DatabaseError` (nor its message, SQL, arguments or path)
/// leaves this module. Messages name the problem by SQLite result code only.
enum FileStoreFailure {
    /// - Parameter doing: what was attempted, e.g. "saving the change" — path-free.
    static func wrap(_ error: any Error, doing: String) -> RuntimeError {
        if let error = error as? RuntimeError { return error }
        StoreFailureLog.record("store failure while \(doing): \(String(describing: error))")
        if error is RowDecodingError || error is DecodingError {
            return .storeCorrupt("unreadable data while \(doing)")
        }
        guard let error = error as? DatabaseError else {
            return .storeUnavailable("\(doing) failed")
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT:
            return .storeCorrupt("the database file is damaged (\(doing))")
        case .SQLITE_NOTADB:
            return .storeCorrupt("the file is not a database")
        case .SQLITE_FULL:
            return .storeUnavailable("the disk or the database is full; nothing was saved (\(doing))")
        case .SQLITE_IOERR:
            return .storeUnavailable("input/output error while \(doing)")
        case .SQLITE_READONLY:
            return .storeUnavailable("the database file cannot be written (\(doing))")
        case .SQLITE_CANTOPEN:
            return .storeUnavailable("the database file cannot be opened")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return .storeUnavailable("permission denied while \(doing)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storeUnavailable("the database is busy (\(doing)); try again")
        case .SQLITE_CONSTRAINT:
            return .storeUnavailable("the change breaks a store constraint; nothing was saved")
        case .SQLITE_NOMEM:
            return .storeUnavailable("out of memory while \(doing)")
        default:
            return .storeUnavailable("database error \(error.resultCode.rawValue) while \(doing)")
        }
    }
}
