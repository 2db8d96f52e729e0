import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// One endpoint, checked and ready to bind: the socket path's length, the
/// TLS files read and matched, the token verifier made.
struct Listener: Sendable {
    enum Kind: Sendable {
        case socket(path: String)
        case tcp(host: String, port: Int, tls: TLSConfiguration?, tokens: TokenVerifier)
    }

    let index: Int
    let kind: Kind

    /// sockaddr_un.sun_path is 108 bytes with its terminating NUL.
    static let maxSocketPathBytes = 108

    static func prepare(_ endpoint: ServerEndpoint, index: Int) throws(ServerError) -> Listener {
        switch endpoint {
        case let .unixSocket(path):
            guard path.utf8.count < maxSocketPathBytes else {
                throw .cannotListen("the workspace socket path is too long for a Unix socket; use a shorter data directory")
            }
            return Listener(index: index, kind: .socket(path: path))
        case let .tcp(host, port, tls, tokens):
            guard (0...65535).contains(port) else { throw .cannotListen("port \(port) is not a TCP port") }
            return Listener(index: index, kind: .tcp(host: host, port: port, tls: try tls.map(Self.configuration),
                                                     tokens: TokenVerifier(store: tokens)))
        }
    }

    /// Reads the PEM chain and key and checks they make a TLS context.
    /// NIOSSL's errors name the files, so none of their text is kept.
    static func configuration(_ files: TLSFiles) throws(ServerError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(files.certificate) } catch {
            throw .tls("cannot read the TLS certificate chain ([serve] tls_cert): it must be a readable PEM file")
        }
        guard !chain.isEmpty else {
            throw .tls("the TLS certificate file ([serve] tls_cert) holds no certificate")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: files.key, format: .pem) } catch {
            throw .tls("cannot read the TLS private key ([serve] tls_key): it must be a readable, unencrypted PEM file")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw .tls("the TLS certificate and key ([serve] tls_cert, tls_key) do not make a usable pair")
        }
        return configuration
    }
}

extension APIServer {
    /// Refuses to serve a non-loopback address in clear text unless the
    /// operator said so.
    public static func checkListen(host: String, tls: Bool, insecureNoTLS: Bool) throws(ServerError) {
        guard !tls, !insecureNoTLS, !isLoopback(host) else { return }
        throw .insecureListen("refusing to serve \(host) without TLS: use TLS ([serve] tls_cert/tls_key), an SSH tunnel, or --insecure-no-tls")
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Binds one listener and serves until cancelled.
    func serve(_ listener: Listener, onListening: @escaping @Sendable (ListeningEndpoint) async -> Void) async throws(ServerError) {
        // Hummingbird logs the bound address (a socket's full path) at info,
        // and "Waiting on child channel: CancellationError()" at error each
        // time a listener is stopped by cancelling its task (every console
        // quit). What fails for real is thrown by `run()` and logged below,
        // so its own logger only passes critical lines.
        var frameworkLogger = logger
        frameworkLogger.logLevel = .critical
        let index = listener.index
        do {
            switch listener.kind {
            case let .socket(path):
                let app = Application(
                    router: makeRouter(auth: nil),
                    configuration: ApplicationConfiguration(address: .unixDomainSocket(path: path)),
                    onServerRunning: { [logger] _ in
                        // The store root is 0700, so the moment between bind
                        // and chmod exposes nothing to other users.
                        chmod(path, 0o600)
                        logger.info("serving on the workspace socket")
                        await onListening(ListeningEndpoint(index: index, port: nil))
                    },
                    logger: frameworkLogger
                )
                try await app.run()
            case let .tcp(host, port, tls, tokens):
                let server: HTTPServerBuilder = if let tls { try .tls(.http1(), tlsConfiguration: tls) } else { .http1() }
                let app = Application(
                    router: makeRouter(auth: tokens),
                    server: server,
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
                    onServerRunning: { [logger] channel in
                        let bound = channel.localAddress?.port ?? port
                        logger.info("serving over TCP", metadata: ["host": "\(host)", "port": "\(bound)", "tls": "\(tls != nil)"])
                        await onListening(ListeningEndpoint(index: index, port: bound))
                    },
                    logger: frameworkLogger
                )
                try await app.run()
            }
        } catch is CancellationError {
            return
        } catch {
            // NIO's errors can name the socket path: keep only what kind.
            logger.error("an API listener failed", metadata: ["error_type": "\(type(of: error))"])
            switch listener.kind {
            case .socket: throw .cannotListen("cannot listen on the workspace socket")
            case let .tcp(host, port, _, _): throw .cannotListen("cannot listen on \(host):\(port)")
            }
        }
    }
}
