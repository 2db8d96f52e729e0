import Foundation
import Testing

/// `[[remotes]] ca_file`: a remote served over TLS with a self-signed
/// certificate is trusted through its PEM file, and only through it.
extension ServeScenarioTests {
    /// A throwaway self-signed P-256 certificate for 127.0.0.1 and localhost
    /// (the pair ServerTests' TLSTests use), good for nothing else.
    static let selfSignedCertificate = """
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

    static let selfSignedKey = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggns4GH+RqkTi8r0e
        fpAyzuahB5Bcv59Bv1a4iTmZWAWhRANCAAT3GcoIEt1S0LLYuJDyQd49aj6uA61L
        veZGoklxnmVmWfs3BsyDlfJUuF2AGBJ/yDjeq1ATFm+K4EVpERuwvZ6u
        -----END PRIVATE KEY-----

        """

    @Test func anHTTPSRemoteWithASelfSignedCertificateIsTrustedThroughCAFile() async throws {
        let host = try CLI()
        defer { host.stopOwners(); host.cleanUp() }
        let cert = host.root.appendingPathComponent("cert.pem"), key = host.root.appendingPathComponent("key.pem")
        try Self.selfSignedCertificate.write(to: cert, atomically: true, encoding: .utf8)
        try Self.selfSignedKey.write(to: key, atomically: true, encoding: .utf8)
        try host.writeConfig("""
            [serve]
            tls_cert = "\(cert.path)"
            tls_key = "\(key.path)"

            """)
        let token = try await host.run("token", "create", "tls-client")
        #expect(token.status == 0, "\(token.stderr)")
        let port = try freePort()
        let serve = try ServeProcess(host, arguments: ["--listen", "127.0.0.1:\(port)"])
        try await serve.waitUntilServing()
        #expect(try await host.run("create", "--profile", "scripted", "--name", "over-tls").status == 0)

        let here = try CLI()
        defer { here.cleanUp() }
        let tokenFile = here.root.appendingPathComponent("token")
        FileManager.default.createFile(atPath: tokenFile.path, contents: Data(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8),
                                       attributes: [.posixPermissions: 0o600])
        let caFile = here.root.appendingPathComponent("remote-ca.pem")
        try Self.selfSignedCertificate.write(to: caFile, atomically: true, encoding: .utf8)
        func remote(caFile: String?) -> String {
            """
            [[remotes]]
            name = "secure"
            url = "https://127.0.0.1:\(port)"
            token = { file = "\(tokenFile.path)" }
            \(caFile.map { "ca_file = \"\($0)\"" } ?? "")

            """
        }

        // With ca_file: connected, and the remote's worker is there.
        try here.writeConfig(remote(caFile: caFile.path))
        let shown = try await here.run("show", "remote:secure", "worker-00000001", "--json")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect((try json(shown.stdout) as? [String: Any])?["label"] as? String == "over-tls")

        // Without it the system's CAs do not know the certificate: a clear refusal.
        try here.writeConfig(remote(caFile: nil))
        let untrusted = try await here.run("show", "remote:secure", "worker-00000001")
        #expect(untrusted.status == 6)
        #expect(untrusted.stderr.contains("TLS handshake failed") && untrusted.stderr.contains("ca_file"), "\(untrusted.stderr)")

        // A missing file or one that is not PEM: a config error naming the config file and key (as the
        // other [[remotes]] errors, without a line), never the path given.
        let missing = here.root.appendingPathComponent("no-such-ca.pem").path
        try here.writeConfig(remote(caFile: missing))
        let unreadable = try await here.run("workers")
        #expect(unreadable.status != 0)
        #expect(unreadable.stderr.contains("config.toml: remotes[0].ca_file: cannot be read"), "\(unreadable.stderr)")
        #expect(!unreadable.stderr.contains("no-such-ca"))
        try "not a certificate".write(to: caFile, atomically: true, encoding: .utf8)
        try here.writeConfig(remote(caFile: caFile.path))
        let notPEM = try await here.run("workers")
        #expect(notPEM.stderr.contains("remotes[0].ca_file: holds no PEM certificate"), "\(notPEM.stderr)")
        await serve.stop()
    }
}
