import Runtime

extension LegacyTranscript {
    /// Largest page, as the embedded runtime's default `maxTranscriptPage`.
    public static let maxPage = RuntimeLimits().maxTranscriptPage

    /// Items `[start, min(start+limit, total))` of what has been read, with
    /// the embedded runtime's semantics: `start` ≥ 0 (past the end gives an
    /// empty page), `limit` 1…`maxPage`, `nextStart` only when more follow.
    /// Throws `invalidRequest` / `limitTooLarge`; never clips silently.
    public func page(start: Int, limit: Int, maxPage: Int = LegacyTranscript.maxPage) throws(RuntimeError) -> TranscriptSlice {
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1") }
        guard limit <= maxPage else { throw .limitTooLarge(requested: limit, max: maxPage) }
        guard start >= 0 else { throw .invalidRequest("start must be 0 or more") }
        let total = entries.count
        let items = start < total ? Array(entries[start..<min(total, start + limit)]) : []
        let end = start + items.count
        return TranscriptSlice(ref: ref, start: start, limit: limit, totalItems: total, items: items,
                              nextStart: end < total ? end : nil)
    }

    /// The last `limit` entries: the page a console opens at.
    public func tail(limit: Int, maxPage: Int = LegacyTranscript.maxPage) throws(RuntimeError) -> TranscriptSlice {
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1") }
        guard limit <= maxPage else { throw .limitTooLarge(requested: limit, max: maxPage) }
        return try page(start: max(0, entries.count - limit), limit: limit, maxPage: maxPage)
    }
}
