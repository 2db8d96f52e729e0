import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// What an AsyncHTTPClient or NIO error means for a turn, without its text
/// (the text of an underlying error may hold a URL with a key in it).
enum TransportFailure: Hashable, Sendable {
    /// `base_url` cannot be used for a request.
    case invalidURL
    /// The client was shut down under the request.
    case shutDown
    /// No response headers within the provider's headers timeout.
    case headersTimeout
    /// No data within the provider's chunk timeout.
    case readTimeout
    /// The TCP connection was not established in time (nobody answered).
    case connectTimeout
    /// The host answered that nothing listens on that port.
    case refused
    /// The host name did not resolve.
    case unresolved
    /// Anything else: a reset, TLS, a closed connection.
    case other

    init(_ error: any Error) {
        if let client = error as? HTTPClientError {
            switch client {
            case .invalidURL, .emptyHost, .emptyScheme: self = .invalidURL
            case .cancelled: self = .shutDown
            case .deadlineExceeded: self = .headersTimeout
            case .readTimeout: self = .readTimeout
            case .connectTimeout: self = .connectTimeout
            default: self = .other
            }
        } else if let connection = error as? NIOConnectionError {
            // A host name: Happy Eyeballs tried each resolved address.
            if connection.connectionErrors.isEmpty, connection.dnsAError != nil || connection.dnsAAAAError != nil {
                self = .unresolved
            } else if !connection.connectionErrors.isEmpty,
                      connection.connectionErrors.allSatisfy({ Self.isRefused($0.error) }) {
                self = .refused
            } else {
                self = .other
            }
        } else if Self.isRefused(error) {
            // An IP address literal: one connect, its errno as it is.
            self = .refused
        } else {
            self = .other
        }
    }

    private static func isRefused(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNREFUSED
    }
}
