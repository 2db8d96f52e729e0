import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import Providers

@Suite struct ProviderEndpointTests {
    func provider(_ url: String?, auth: AuthReference = .env("K")) -> ProviderConfig {
        ProviderConfig(name: "p", scheme: .openaiChat, baseURL: url, auth: auth)
    }

    /// What transport errors name: host and port, never path, query or user info.
    @Test func endpointIsHostAndPortOnly() {
        #expect(provider("https://api.openai.com/v1").endpoint == "api.openai.com")
        #expect(provider("http://127.0.0.1:8088/v1").endpoint == "127.0.0.1:8088")
        #expect(provider("http://[::1]:8080/v1").endpoint == "[::1]:8080")
        #expect(provider("https://user:secret@proxy.example.com:8443/private/path").endpoint == "proxy.example.com:8443")
        #expect(provider(nil).endpoint == nil)
    }

    @Test func loopbackIsLocalhost127Slash8AndIPv6One() {
        for host in ["localhost", "LocalHost", "127.0.0.1", "127.255.0.9", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            #expect(ProviderConfig.isLoopback(host: host), "\(host)")
        }
        for host in ["", "128.0.0.1", "10.0.0.1", "127.0.0.1.nip.io", "localhost.example.com", "::2", "[fe80::1]", "0.0.0.0"] {
            #expect(!ProviderConfig.isLoopback(host: host), "\(host)")
        }
    }

    @Test func sendsCredentialInClearOnlyForHTTPToARemoteHostWithAuth() {
        #expect(provider("http://example.com/v1").sendsCredentialInClear)
        #expect(!provider("http://example.com/v1", auth: .none).sendsCredentialInClear)
        #expect(!provider("https://example.com/v1").sendsCredentialInClear)
        #expect(!provider("http://localhost:8080/v1", auth: .file("/k")).sendsCredentialInClear)
        #expect(!provider(nil).sendsCredentialInClear)
    }

    @Test func transportErrorsAreClassifiedWithoutTheirText() {
        #expect(TransportFailure(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .refused)
        #expect(TransportFailure(IOError(errnoCode: ECONNRESET, reason: "read")) == .other)
        #expect(TransportFailure(HTTPClientError.connectTimeout) == .connectTimeout)
        #expect(TransportFailure(HTTPClientError.readTimeout) == .readTimeout)
        #expect(TransportFailure(HTTPClientError.deadlineExceeded) == .headersTimeout)
        #expect(TransportFailure(HTTPClientError.cancelled) == .shutDown)
        #expect(TransportFailure(HTTPClientError.emptyHost) == .invalidURL)
        #expect(TransportFailure(HTTPClientError.remoteConnectionClosed) == .other)
    }
}
