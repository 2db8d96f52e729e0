// TEMPORARY until the Server branch merges: deleted then.
import Foundation
import Server

struct TokenInfoShim { var name: String; var createdAt: Date }
extension TokenStore {
    func create(name: String) throws -> String { throw CocoaError(.featureUnsupported) }
    func list() -> [TokenInfoShim] { [] }
    func revoke(name: String) throws { throw CocoaError(.featureUnsupported) }
}
extension APIServer {
    static func checkListen(host: String, tls: Bool, insecureNoTLS: Bool) throws(ServerError) {}
}
import Registry
import Remote
extension RemoteSource {
    func connect() async throws(SourceError) { throw .unavailable(code: "x", message: "x") }
    func start() {}
    func statusUpdates() -> AsyncStream<RuntimeStatus> { AsyncStream { $0.finish() } }
}
