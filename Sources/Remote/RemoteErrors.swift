import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Registry

/// Turns what the owner answered, or failed to, into a `SourceError`.
/// Messages are path-free: they name the remote (`remote build-1`, or "the
/// workspace's owner"), never its socket path, URL or token, and never the
/// text of an underlying transport error (it may hold the URL).
struct RemoteErrors: Sendable {
    /// How an operator knows this remote: "remote build-1" or "the workspace's owner".
    let name: String

    init(config: RemoteConfig) {
        switch config.implementationKind {
        case .remoteWorkerRuntime: name = "remote \(config.displayName)"
        default: name = "the workspace's owner"
        }
    }

    /// A non-2xx answer. `worker` is the worker the request addressed,
    /// `operation` what it asked for (a 501 names it).
    func status(_ status: Int, body: [UInt8], worker: String?, operation: String? = nil) -> SourceError {
        let detail = try? ProjectionJSON.decoder().decode(APIErrorBody.self, from: Data(body)).error
        let code = detail?.code ?? ""
        let message = detail?.message ?? "\(name) answered HTTP \(status)"
        switch status {
        case 400, 413:
            return .invalidRequest(message)
        case 401, 403:
            return .unavailable(code: "remote_unauthorized", message: "the remote refused the token")
        case 404:
            if code == "unknown_worker" || (code.isEmpty && worker != nil) {
                return .unknownWorker(worker ?? "?")
            }
            // An older server without this route.
            if code == "not_found" { return .unsupported(operation: operation ?? "this operation") }
            return .unavailable(code: "remote_runtime_missing", message: "\(name) no longer serves this runtime")
        case 409:
            if code == "busy" { return .busy(worker: worker ?? "?") }
            return .rejected(code: code.isEmpty ? "rejected" : code, message: message)
        case 501:
            return .unsupported(operation: operation ?? Self.operation(fromCode: code))
        case 503:
            return .unavailable(code: code.isEmpty ? "remote_unavailable" : code, message: message)
        default:
            return .unavailable(code: "remote_error", message: "\(name) answered HTTP \(status)")
        }
    }

    /// The server's 501 code is the registry's `unsupported` code; the
    /// operation is what `SourceError.unsupported` wants.
    static func operation(fromCode code: String) -> String {
        code.hasSuffix("_unsupported") ? String(code.dropLast("_unsupported".count)) : "this operation"
    }

    /// The request never got an answer: nothing listens, the socket is gone,
    /// the connection dropped or timed out.
    func transport(_ error: any Error) -> SourceError {
        if let client = error as? HTTPClientError {
            switch client {
            case .invalidURL, .emptyHost, .emptyScheme:
                return .unavailable(code: "remote_invalid_endpoint", message: "\(name): its address cannot be used")
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return .unavailable(code: "owner_unreachable", message: "\(name) did not answer in time")
            default:
                break
            }
        }
        // The TLS handshake failed: almost always a certificate this host
        // does not trust (self-signed, private CA) or one for another name.
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .unavailable(code: "remote_tls_failed",
                                message: "\(name): the TLS handshake failed; its certificate is not trusted here "
                                    + "(for a self-signed one, set ca_file) or names another host")
        }
        return .unavailable(code: "owner_unreachable", message: "cannot reach \(name)")
    }

    /// A 2xx answer whose body does not decode.
    var badResponse: SourceError {
        .unavailable(code: "remote_bad_response", message: "\(name) sent a response this workerdeck cannot read")
    }

    /// The handshake found another API version.
    func incompatible(server: Int) -> SourceError {
        .unavailable(code: "remote_incompatible",
                     message: "\(name) speaks API v\(server); this workerdeck speaks v\(APIContract.version)")
    }

    /// The server lists no runtime.
    var noRuntime: SourceError {
        .unavailable(code: "remote_runtime_missing", message: "\(name) serves no runtime")
    }

    var closed: SourceError {
        .unavailable(code: "remote_closed", message: "the connection to \(name) is closed")
    }
}
