import Foundation
import Hummingbird
import Registry

extension APIServer {
    static let runtimeRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/v1/runtimes") { server, _, _ in
            let served = Set(server.runtimeIds)
            return APIResponse.json(await server.registry.runtimes().filter { served.contains($0.runtimeId) })
        },
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}") { server, _, context in
            let id = try server.runtimeId(context)
            return APIResponse.json(try await call { () async throws(RegistryError) in try await server.registry.runtime(id) })
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/reconnect-stale") { server, _, context in
            let id = try server.runtimeId(context)
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.reconnectStale(runtime: id)
            })
        },
    ]
}
