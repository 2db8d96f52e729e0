import Foundation
import Hummingbird
import Registry

extension APIServer {
    /// Search across a runtime's workers (issue 16). Only reads, so a
    /// read-only owner answers it too.
    static let searchRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/search") { server, request, context in
            let id = try server.runtimeId(context)
            let query = query(request)
            try RequestDecoding.only(query, ["q", "limit"])
            let text = try RequestDecoding.searchText(query)
            let limit = try RequestDecoding.number(query, "limit", in: 1...Int64(SearchPage.maxLimit),
                                                   fallback: Int64(SearchPage.defaultLimit), else: .searchLimit)!
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.search(runtime: id, text, limit: Int(limit))
            })
        },
    ]
}
