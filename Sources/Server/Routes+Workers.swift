import Foundation
import Hummingbird
import Registry

extension APIServer {
    static let workerRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/workers") { server, request, context in
            let id = try server.runtimeId(context)
            try RequestDecoding.only(query(request), ["limit", "after"])
            let limit = Int(try RequestDecoding.number(query(request), "limit", in: 1...Int64(APIContract.maxLimit),
                                                       fallback: Int64(APIContract.maxLimit), else: .limit)!)
            let after = query(request)["after"]
            // One more than asked tells whether the list was cut.
            let workers = try await call { () async throws(RegistryError) in
                try await server.registry.workers(runtime: id, limit: limit + 1, after: after)
            }
            let page = WorkersPage(runtimeId: id, workers: workers.count > limit ? Array(workers.prefix(limit)) : workers,
                                   truncated: workers.count > limit)
            // One worker to a line, unchanged ones from the last list's bytes.
            guard let encoded = try? WorkersPageLines.encodePieces(page, rows: server.workerRows) else { return APIResponse.json(page) }
            var buffer = ByteBufferAllocator().buffer(capacity: encoded.count)
            for piece in encoded.pieces { piece.withUnsafeBytes { _ = buffer.writeBytes($0) } }
            return APIResponse.json(buffer: buffer)
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers") { server, request, context in
            let id = try server.runtimeId(context)
            let body = try RequestDecoding.body(CreateWorkerBody.self, from: try await APIServer.body(request), empty: CreateWorkerBody())
            let created = try await call { () async throws(RegistryError) in
                try await server.registry.createWorker(runtime: id, body.request)
            }
            return APIResponse.json(created, status: .created)
        },
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}") { server, _, context in
            let key = try server.workerKey(context)
            return APIResponse.json(try await call { () async throws(RegistryError) in try await server.registry.worker(key) })
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/input") { server, request, context in
            let key = try server.workerKey(context)
            let body = try RequestDecoding.body(InputBody.self, from: try await APIServer.body(request))
            let accepted = try await call { () async throws(RegistryError) in
                try await server.registry.sendInput(key, text: body.text)
            }
            return APIResponse.json(accepted, status: .accepted)
        },
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/transcript") { server, request, context in
            let key = try server.workerKey(context)
            let query = query(request)
            try RequestDecoding.only(query, ["start", "limit", "tail"])
            // The runtime refuses a page above its size (RuntimeLimits) rather than capping it.
            let max = Int64(APIContract.maxTranscriptPage)
            if let tail = try RequestDecoding.number(query, "tail", in: 1...max, fallback: nil, else: .tail) {
                guard query["start"] == nil, query["limit"] == nil else { throw APIFailure.badRequest(.startWithTail) }
                return APIResponse.json(try await call { () async throws(RegistryError) in
                    try await server.registry.transcriptTail(key, limit: Int(tail))
                })
            }
            let start = try RequestDecoding.number(query, "start", in: 0...Int64(Int32.max), fallback: 0, else: .start)!
            let limit = try RequestDecoding.number(query, "limit", in: 1...max, fallback: 100, else: .pageLimit)!
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.transcript(key, start: Int(start), limit: Int(limit))
            })
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/rename") { server, request, context in
            let key = try server.workerKey(context)
            try RequestDecoding.only(query(request), [])
            let body = try RequestDecoding.body(RenameBody.self, from: try await APIServer.body(request))
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.rename(key, label: body.label)
            })
        },
        // tools.md, Seeing what workers did. Only reads, so a read-only
        // owner answers it too.
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/diff") { server, request, context in
            let key = try server.workerKey(context)
            try RequestDecoding.only(query(request), [])
            return APIResponse.json(try await call { () async throws(RegistryError) in try await server.registry.workdirDiff(key) })
        },
    ]

    /// interrupt, stop, cancel, reconnect: no body, the worker's summary back.
    static let workerActionRoutes: [APIRoute] = [
        action("interrupt") { registry, key throws(RegistryError) in try await registry.interrupt(key) },
        action("stop") { registry, key throws(RegistryError) in try await registry.stop(key) },
        action("cancel") { registry, key throws(RegistryError) in try await registry.cancel(key) },
        action("reconnect") { registry, key throws(RegistryError) in try await registry.reconnect(key) },
        action("archive") { registry, key throws(RegistryError) in try await registry.setArchived(key, true) },
        action("unarchive") { registry, key throws(RegistryError) in try await registry.setArchived(key, false) },
        APIRoute(method: .delete, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}") { server, request, context in
            let key = try server.workerKey(context)
            try RequestDecoding.only(query(request), [])
            return APIResponse.json(try await call { () async throws(RegistryError) in try await server.registry.delete(key) })
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/fork") { server, request, context in
            let key = try server.workerKey(context)
            try RequestDecoding.only(query(request), [])
            let body = try RequestDecoding.body(ForkBody.self, from: try await APIServer.body(request), empty: ForkBody())
            let fork = try await call { () async throws(RegistryError) in
                try await server.registry.fork(key, at: body.at, label: body.label)
            }
            return APIResponse.json(fork, status: .created)
        },
    ]

    private static func action(
        _ name: String,
        _ operation: @escaping @Sendable (RuntimeRegistry, WorkerKey) async throws(RegistryError) -> WorkerSummary
    ) -> APIRoute {
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/\(name)") { server, _, context in
            let key = try server.workerKey(context)
            return APIResponse.json(try await call { () async throws(RegistryError) in try await operation(server.registry, key) })
        }
    }
}
