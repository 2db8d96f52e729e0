import AsyncHTTPClient
import Foundation
import NIOSSL
import Registry
@testable import Server
import Testing

/// TCP with TLS: the token still gates every route, and the certificate is
/// the one the files named. The pair below is a throwaway self-signed test
/// certificate for 127.0.0.1 (openssl req -x509, P-256, 100 years), useful
/// for nothing else.
@Suite struct TLSTests {
    static let certificate = """
-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUMfLHxqOVLFPTpMZZvRj5ukhaD8QwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEzMDEyMTg0MloYDzIxMjYxMTA2
MTIxODQyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAT3GcoIEt1S0LLYuJDyQd49aj6uA61LveZGoklxnmVmWfs3BsyDlfJU
uF2AGBJ/yDjeq1ATFm+K4EVpERuwvZ6uo28wbTAdBgNVHQ4EFgQUTNqXXUrjOhOg
iyJHAX7XYMIEQX0wHwYDVR0jBBgwFoAUTNqXXUrjOhOgiyJHAX7XYMIEQX0wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAKb+aKbUUNqFnkLMjtwCctSqXOYFtollrO0IjHei5x8WAiAk
xbHoluZkkW8Kw4vLdD+eXsdXZVbr1URMYmlCKKDLlQ==
-----END CERTIFICATE-----
"""

    static let key = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggns4GH+RqkTi8r0e
fpAyzuahB5Bcv59Bv1a4iTmZWAWhRANCAAT3GcoIEt1S0LLYuJDyQd49aj6uA61L
veZGoklxnmVmWfs3BsyDlfJUuF2AGBJ/yDjeq1ATFm+K4EVpERuwvZ6u
-----END PRIVATE KEY-----
"""

    @Test func servesHTTPSWithTheGivenCertificateAndStillNeedsTheToken() async throws {
        let dir = URL(fileURLWithPath: "/tmp/wds-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = TLSFiles(certificate: dir.appendingPathComponent("cert.pem").path, key: dir.appendingPathComponent("key.pem").path)
        try Self.certificate.write(toFile: files.certificate, atomically: true, encoding: .utf8)
        try Self.key.write(toFile: files.key, atomically: true, encoding: .utf8)

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(Self.certificate.utf8)))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            try await withServer(tls: files) { h in
                func get(_ token: String?) async throws -> (Int, Data) {
                    var request = HTTPClientRequest(url: "https://127.0.0.1:\(h.port)/v1/version")
                    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                    let response = try await client.execute(request, timeout: .seconds(30))
                    return (Int(response.status.code), Data(try await response.body.collect(upTo: 1 << 20).readableBytesView))
                }
                let (status, body) = try await get(h.token)
                #expect(status == 200)
                #expect(try ProjectionJSON.decoder().decode(APIVersionInfo.self, from: body).version == "9.9.9-test")
                let (refused, empty) = try await get(nil)
                #expect(refused == 401 && empty.isEmpty)
                // Plain HTTP to the TLS port gets no answer.
                await #expect(throws: (any Error).self) { _ = try await h.send(.GET, "/v1/version", via: .tcp(token: h.token)) }
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    @Test func aKeyThatIsNotPEMIsATLSErrorWithoutThePath() async throws {
        let dir = URL(fileURLWithPath: "/tmp/wds-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        try Self.certificate.write(toFile: cert, atomically: true, encoding: .utf8)
        try "not a key".write(toFile: key, atomically: true, encoding: .utf8)
        #expect(throws: ServerError.tls("cannot read the TLS private key ([serve] tls_key): it must be a readable, unencrypted PEM file")) {
            _ = try Listener.configuration(TLSFiles(certificate: cert, key: key))
        }
    }
}
