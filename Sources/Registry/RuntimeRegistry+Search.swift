import Foundation

extension RuntimeRegistry {
    /// Searches one runtime's transcripts (issue 16). `text` is untrusted:
    /// each source turns it into words, so no search syntax passes through.
    public func search(runtime runtimeId: String, _ text: String, limit: Int = SearchPage.defaultLimit)
        async throws(RegistryError) -> SearchPage {
        let source = try resolve(runtimeId)
        do { return try await source.search(text, limit: limit) } catch {
            throw Self.map(error, source: source, worker: nil)
        }
    }

    /// Searches every runtime, in registration order, each page at most
    /// `limit` long. A runtime that cannot search (unsupported, unavailable)
    /// does not hide the others; it is left out. A refusal of the text itself
    /// (no word to look for, a limit out of range) is the same for every
    /// runtime and is thrown.
    public func searchAll(_ text: String, limit: Int = SearchPage.defaultLimit) async throws(RegistryError) -> [SearchPage] {
        var pages: [SearchPage] = []
        for runtimeId in runtimeIds {
            do {
                pages.append(try await search(runtime: runtimeId, text, limit: limit))
            } catch {
                switch error {
                case .invalidRequest: throw error
                default: continue
                }
            }
        }
        return pages
    }
}
