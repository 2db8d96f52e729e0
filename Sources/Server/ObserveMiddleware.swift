import Foundation
import Hummingbird
import Logging

/// The outermost middleware: turns every thrown error into its fixed
/// response, logs each request at debug (method, route pattern, status,
/// latency; never a header, so never the token) and feeds the latency
/// histogram. Route patterns, not paths, label both: ids stay out of the
/// metrics' cardinality.
struct ObserveMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let server: APIServer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            if var failure = APIFailure.from(error) {
                // The router knows paths only per method: a 404 for a path
                // another method has is a 405.
                if failure == .noRoute, let allow = APIServer.methods(forPath: request.uri.path) {
                    failure = .methodNotAllowed(allow: allow)
                }
                response = failure.response
            } else {
                server.logger.error("a request failed unexpectedly", metadata: ["error_type": "\(type(of: error))"])
                response = APIResponse.internalError()
            }
        }
        let elapsed = ContinuousClock.now - started
        let route = Self.pattern(context.endpointPath)
        server.metrics.requestFinished(route: route, method: request.method.rawValue, elapsed: elapsed)
        server.logger.debug("request", metadata: [
            "method": "\(request.method.rawValue)",
            "route": "\(route)",
            "status": "\(response.status.code)",
            "latency_ms": "\(elapsed.milliseconds)",
        ])
        return response
    }

    /// Hummingbird's endpoint path in the OpenAPI form; "unmatched" for a
    /// path no route has.
    static func pattern(_ endpoint: String?) -> String {
        guard let endpoint, endpoint != "NotFound" else { return "unmatched" }
        return endpoint.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
