import Foundation

extension WorkerRuntime {
    /// The most matches one search returns.
    public static let maxSearchResults = 200

    /// Transcript entries of every worker of this runtime that hold every
    /// word of `text`, newest first, at most `limit` (1…`maxSearchResults`).
    ///
    /// `text` is untrusted: it becomes a `SearchQuery` (words, quoted), so no
    /// search syntax reaches the store. Only reads: an observer and a stopped
    /// runtime answer too.
    ///
    /// Throws `invalidRequest` (no word to look for), `limitTooLarge`, and
    /// the store's `storeUnavailable`/`storeCorrupt`.
    public func search(_ text: String, limit: Int) throws(RuntimeError) -> [TranscriptMatch] {
        try checkLimit(limit, max: Self.maxSearchResults)
        let query = try SearchQuery(text)
        guard let store = store as? any SearchableStore else {
            throw .storeUnavailable("this store cannot search transcripts")
        }
        // A store holds one runtime's workers, but a stray row of a worker
        // this runtime does not know (or another runtime's) is not shown.
        return try store.search(query, limit: limit).filter { $0.ref.runtimeId == runtimeId && workers[$0.ref.workerId] != nil }
    }
}
