import Foundation
import NIOSSL

/// The certificates an `https://` remote is checked against instead of the
/// system's CAs (`[[remotes]] ca_file`): how a remote served with a
/// self-signed certificate, or one from a private CA, is trusted. The
/// host name is still verified against the certificate.
public struct RemoteTrust: Sendable, Hashable {
    let certificates: [NIOSSLCertificate]

    /// Why a `ca_file` cannot be used. The messages name no path: the
    /// config error that carries them names the file, line and key.
    public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        case unreadable
        case notPEM

        public var description: String {
            switch self {
            case .unreadable: "cannot be read"
            case .notPEM: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
            }
        }
    }

    /// Reads every certificate of a PEM file (`~` expanded).
    public init(pemFile path: String) throws(LoadError) {
        let expanded = (path as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: expanded) else { throw .unreadable }
        let certificates: [NIOSSLCertificate]
        do { certificates = try NIOSSLCertificate.fromPEMBytes(Array(data)) } catch { throw .notPEM }
        guard !certificates.isEmpty else { throw .notPEM }
        self.certificates = certificates
    }

    /// The client side TLS configuration trusting exactly these certificates.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(certificates)
        return tls
    }
}
