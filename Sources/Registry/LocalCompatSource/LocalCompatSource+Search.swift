import Foundation
import Runtime

extension LocalCompatSource {
    /// A scan of every legacy worker's transcript (issue 16: local-compat
    /// answers search, unlike the fleet's mutations). Legacy workers are few
    /// and their segments bounded (≤ 4 MiB per read), so no index; each read
    /// also refreshes the worker's reader, as opening it would.
    /// Newest first by entry time, then by worker and sequence.
    public func search(_ text: String, limit: Int) async throws(SourceError) -> SearchPage {
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1") }
        guard limit <= SearchPage.maxLimit else { throw .runtime(.limitTooLarge(requested: limit, max: SearchPage.maxLimit)) }
        let query: SearchQuery
        do throws(RuntimeError) { query = try SearchQuery(text) } catch { throw .runtime(error) }
        return await BlockingIO.run { () -> SearchPage in
            var found: [SearchMatch] = []
            for worker in self.rescan().workers where worker.hasTranscript {
                guard let read = try? self.refreshed(worker.workerId.rawValue) else { continue }
                for entry in read.transcript.entries where query.matches(entry.content) {
                    found.append(SearchMatch(
                        runtimeId: self.runtimeId, workerId: worker.workerId.rawValue, sequence: entry.sequence,
                        role: EntryRole(entry.role), kind: EntryKind(entry.kind),
                        snippet: query.snippet(of: entry.content), createdAt: entry.createdAt))
                }
            }
            found.sort {
                ($0.createdAt ?? .distantPast, $1.workerId, $0.sequence) > ($1.createdAt ?? .distantPast, $0.workerId, $1.sequence)
            }
            return SearchPage(runtimeId: self.runtimeId, query: text, limit: limit, matches: Array(found.prefix(limit)))
        }
    }
}
