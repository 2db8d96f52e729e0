import Foundation
import Hummingbird
import Registry

extension APIServer {
    static let eventRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/events") { server, request, context in
            let id = try server.runtimeId(context)
            let query = query(request)
            try RequestDecoding.only(query, ["from", "limit"])
            let from = try RequestDecoding.number(query, "from", in: 0...Int64.max / 2, fallback: 1, else: .from)!
            let limit = try RequestDecoding.number(query, "limit", in: 1...Int64(APIContract.maxLimit), fallback: 100, else: .limit)!
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.events(runtime: id, from: from, limit: Int(limit))
            })
        },
    ]
}
