import Foundation
import Hummingbird
import NIOCore
import Registry

/// One route of the API: the table below is the single list the router is
/// built from and the OpenAPI test checks against the document.
struct APIRoute: Sendable {
    typealias Handler = @Sendable (APIServer, Request, BasicRequestContext) async throws -> Response
    let method: HTTPRequest.Method
    /// OpenAPI form, e.g. `/v1/runtimes/{runtime_id}`.
    let path: String
    let handle: Handler
}

extension APIServer {
    static let routes: [APIRoute] = runtimeRoutes + workerRoutes + workerActionRoutes + approvalRoutes + eventRoutes + searchRoutes + [
        APIRoute(method: .get, path: "/v1/version") { server, _, _ in
            APIResponse.json(APIVersionInfo(version: server.version))
        },
        APIRoute(method: .get, path: "/v1/metrics") { server, _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            let text = await server.metrics.scrape(server)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        },
        APIRoute(method: .get, path: "/v1/openapi.json") { _, _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        },
        APIRoute(method: .get, path: "/v1/stream") { server, request, _ in
            try await server.stream(request)
        },
    ]

    /// The router of one listener; `auth` is set for TCP listeners.
    func makeRouter(auth: TokenVerifier?) -> Router<BasicRequestContext> {
        let router = Router()
        // Outermost, so it sees (and shapes) every answer, 401s included.
        router.add(middleware: ObserveMiddleware(server: self))
        if let auth { router.add(middleware: BearerAuthMiddleware(verifier: auth)) }
        for route in Self.routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await route.handle(self, request, context)
            }
        }
        return router
    }

    /// The methods routed for `path` (matched against the route patterns,
    /// `{name}` standing for one non-empty segment), in table order; nil
    /// when no route has that path.
    static func methods(forPath path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let methods = routes.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { want, got in
                want.hasPrefix("{") ? !got.isEmpty : want == got
            }
        }.map(\.method.rawValue)
        return methods.isEmpty ? nil : methods
    }

    // MARK: Helpers the routes share

    /// A served runtime's id from the path: others do not exist here.
    func runtimeId(_ context: BasicRequestContext) throws(APIFailure) -> String {
        let id = Self.pathParameter(context, "runtime_id")
        guard runtimeIds.contains(id) else {
            // Validate first, as the registry does, so a bad id says so.
            do { _ = try registry.source(id) } catch let error where error.code == "invalid_identifier" {
                throw .registry(error)
            } catch {}
            throw .registry(.unknownRuntime(id))
        }
        return id
    }

    func workerKey(_ context: BasicRequestContext) throws(APIFailure) -> WorkerKey {
        WorkerKey(runtimeId: try runtimeId(context), workerId: Self.pathParameter(context, "worker_id"))
    }

    /// A path parameter, percent-decoded: the router hands over the raw
    /// segment, and a client may escape `:` (`remote%3Aa`), which ids allow.
    /// An undecodable escape stays as sent and fails id validation.
    static func pathParameter(_ context: BasicRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The body, at most `APIContract.maxBodyBytes`; a larger declared
    /// length is refused before reading any of it.
    static func body(_ request: Request) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > APIContract.maxBodyBytes {
            throw APIFailure.tooLarge
        }
        var request = request
        let buffer = try await request.collectBody(upTo: APIContract.maxBodyBytes)
        return Data(buffer.readableBytesView)
    }

    static func query(_ request: Request) -> [String: String] {
        RequestDecoding.query(request.uri.query)
    }

    /// Runs a registry call, its typed error becoming the API's.
    static func call<T>(_ body: () async throws(RegistryError) -> T) async throws(APIFailure) -> T {
        do { return try await body() } catch { throw .registry(error) }
    }
}
