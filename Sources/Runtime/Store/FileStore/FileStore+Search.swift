import Foundation
import GRDB

extension FileStore: SearchableStore {
    /// An FTS5 query over `transcript_fts` (schema v5), joined back to the
    /// transcript for the entry's worker, sequence, role and kind.
    ///
    /// Newest first is `ORDER BY rowid DESC`: the index's rowid is the
    /// transcript's, which grows with every insert, and FTS5 walks its
    /// doclists backwards and stops at `LIMIT`, so a common word over a
    /// million entries costs what a rare one does. Ranking by bm25 would
    /// score every matching row first.
    ///
    /// Raw SQL, not GRDB's FTS5 API (which GRDB 7 compiles in on Linux too:
    /// its Package.swift defines `SQLITE_ENABLE_FTS5` on every platform;
    /// the module itself is the system SQLite's, 3.40 on Debian, built with
    /// FTS5): migrations are frozen plain SQL by rule, and the query's
    /// quoting is `SearchQuery`'s, kept in one place with its tests.
    public func search(_ query: SearchQuery, limit: Int) throws(RuntimeError) -> [TranscriptMatch] {
        guard limit > 0 else { return [] }
        let width = TranscriptMatch.snippetWidth / 6 // snippet() counts tokens, about six characters each
        return try read("searching transcripts") { db in
            let rows: [Row]
            do {
                rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT t.worker_id, w.runtime_id, t.sequence, t.role, t.kind, t.created_at,
                        snippet(transcript_fts, 0, '', '', '…', \(width))
                    FROM transcript_fts
                    JOIN transcript AS t ON t.rowid = transcript_fts.rowid
                    JOIN workers AS w ON w.id = t.worker_id
                    WHERE transcript_fts MATCH ?
                    ORDER BY transcript_fts.rowid DESC LIMIT ?
                    """), arguments: [query.ftsExpression, limit])
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // `ftsExpression` is well-formed by construction; should FTS5
                // still refuse it (a syntax error is plain SQLITE_ERROR), the
                // operator gets a typed refusal, never a crash or a store failure.
                throw RuntimeError.invalidRequest("the search text could not be used")
            }
            return try rows.map(Self.match)
        }
    }

    /// Decoded by position, like `FileStoreRows`; a value the code does not
    /// recognise is `storeCorrupt`, never a trap.
    private static func match(_ row: Row) throws -> TranscriptMatch {
        guard let worker = WorkerId(rawValue: try row.decode(String.self, atIndex: 0)),
              let runtime = RuntimeId(rawValue: try row.decode(String.self, atIndex: 1)),
              let role = TranscriptRole(rawValue: try row.decode(String.self, atIndex: 3)),
              let kind = TranscriptKind(rawValue: try row.decode(String.self, atIndex: 4)) else {
            throw RuntimeError.storeCorrupt("unreadable row in transcript")
        }
        return TranscriptMatch(
            ref: WorkerRef(runtimeId: runtime, workerId: worker), sequence: try row.decode(Int.self, atIndex: 2),
            role: role, kind: kind, snippet: try row.decode(String.self, atIndex: 6),
            createdAt: FileStoreRows.date(try row.decode(Double.self, atIndex: 5)))
    }
}
