import Foundation

/// Searching a store's transcripts, every worker at once (issue 16).
///
/// A separate protocol so stores written before search (the test doubles)
/// need not implement it; `WorkerRuntime.search` asks for it and answers
/// `storeUnavailable` for a store without it.
public protocol SearchableStore: RuntimeStore {
    /// Entries whose content holds every term of `query` (FileStore: as a
    /// word, case and accents ignored; MemoryStore: as a substring), newest first (the order
    /// they were committed in), at most `limit`.
    func search(_ query: SearchQuery, limit: Int) throws(RuntimeError) -> [TranscriptMatch]
}
