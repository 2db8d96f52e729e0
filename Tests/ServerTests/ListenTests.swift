import Foundation
import Logging
import Registry
@testable import Server
import Testing

/// Where and how the server listens.
@Suite struct ListenTests {
    @Test func theSocketIsOwnerOnly() async throws {
        try await withServer { h in
            let attributes = try FileManager.default.attributesOfItem(atPath: h.socketPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(attributes[.type] as? FileAttributeType == .typeSocket)
        }
    }

    @Test func aStaleSocketFileIsReplaced() async throws {
        try await withServer { first in
            // A second server on the same path (the lock holder restarting).
            let server = APIServer(registry: first.registry, runtimeIds: [ServerHarness.runtimeId], version: "2", logger: Logger(label: "t"))
            let (ready, continuation) = AsyncStream<ListeningEndpoint>.makeStream()
            let task = Task { try await server.run([.unixSocket(path: first.socketPath)]) { continuation.yield($0) } }
            for await _ in ready { break }
            let version = try await first.send(.GET, "/v1/version").decode(APIVersionInfo.self)
            #expect(version.version == "2")
            task.cancel()
            _ = await task.result
        }
    }

    @Test func aTooLongSocketPathIsRefusedWithoutThePath() async throws {
        let path = "/tmp/" + String(repeating: "d", count: 120) + "/api.sock"
        let server = APIServer(registry: RuntimeRegistry(), runtimeIds: [], version: "1", logger: Logger(label: "t"))
        do {
            try await server.run([.unixSocket(path: path)])
            Issue.record("expected an error")
        } catch {
            guard case let .cannotListen(message) = error else { Issue.record("\(error)"); return }
            #expect(!message.contains("/tmp") && !message.contains("ddd") && !message.contains(".sock"))
        }
    }

    @Test func anUnreadableTLSFileIsRefusedWithoutThePath() async throws {
        let server = APIServer(registry: RuntimeRegistry(), runtimeIds: [], version: "1", logger: Logger(label: "t"))
        let secretDir = "/tmp/wds-secret-\(UUID().uuidString)"
        let tokens = TokenStore(directory: URL(fileURLWithPath: secretDir))
        do {
            try await server.run([.tcp(host: "127.0.0.1", port: 0, tls: TLSFiles(certificate: "\(secretDir)/c.pem", key: "\(secretDir)/k.pem"),
                                       tokens: tokens)])
            Issue.record("expected an error")
        } catch {
            guard case let .tls(message) = error else { Issue.record("\(error)"); return }
            #expect(!message.contains(secretDir) && !message.contains(".pem"))
        }
    }

    @Test func aBusyPortIsCannotListenAndStopsTheOtherEndpoints() async throws {
        try await withServer { h in
            let server = APIServer(registry: h.registry, runtimeIds: [], version: "1", logger: Logger(label: "t"))
            do {
                try await server.run([.tcp(host: "127.0.0.1", port: h.port, tls: nil, tokens: h.tokens)])
                Issue.record("expected an error")
            } catch {
                #expect(error as? ServerError == .cannotListen("cannot listen on 127.0.0.1:\(h.port)"))
            }
        }
    }

    @Test func onlyLoopbackMayGoWithoutTLS() throws {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"] {
            try APIServer.checkListen(host: host, tls: false, insecureNoTLS: false)
        }
        for host in ["0.0.0.0", "10.0.0.1", "::", "example.com", "127.0.0.1.example.com"] {
            #expect(throws: ServerError.self) { try APIServer.checkListen(host: host, tls: false, insecureNoTLS: false) }
            try APIServer.checkListen(host: host, tls: true, insecureNoTLS: false)
            try APIServer.checkListen(host: host, tls: false, insecureNoTLS: true)
        }
        #expect(throws: ServerError.insecureListen(
            "refusing to serve 0.0.0.0 without TLS: use TLS ([serve] tls_cert/tls_key), an SSH tunnel, or --insecure-no-tls")) {
            try APIServer.checkListen(host: "0.0.0.0", tls: false, insecureNoTLS: false)
        }
    }
}

/// `token create | list | revoke`.
@Suite struct TokenStoreTests {
    func withStore(_ body: (TokenStore, URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wds-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(TokenStore(directory: dir.appendingPathComponent("tokens")), dir)
    }

    @Test func createWritesAnOwnerOnlyFileAndListShowsNoValue() throws {
        try withStore { store, _ in
            let value = try store.create(name: "laptop")
            #expect(value.count == 64 && value.allSatisfy(\.isHexDigit))
            #expect(try store.create(name: "ci_2").count == 64)
            let file = store.directory.appendingPathComponent("laptop").path
            #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect((try FileManager.default.attributesOfItem(atPath: store.directory.path)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            let listed = try store.list()
            #expect(listed.map(\.name) == ["ci_2", "laptop"])
            #expect(!ProjectionJSON.string(listed).contains(value))
        }
    }

    @Test func namesAreCheckedAndNeverReplaced() throws {
        try withStore { store, root in
            let first = try store.create(name: "one")
            #expect(throws: TokenError.exists("one")) { try store.create(name: "one") }
            #expect(try String(contentsOfFile: store.directory.appendingPathComponent("one").path, encoding: .utf8) == first + "\n")
            for bad in ["", "../x", "a b", "a.b", String(repeating: "a", count: 65), "é"] {
                #expect(throws: TokenError.invalidName) { try store.create(name: bad) }
            }
            #expect(throws: TokenError.unknown("two")) { try store.revoke(name: "two") }
            try store.revoke(name: "one")
            #expect(try store.list().isEmpty)
            for error in [TokenError.invalidName, .exists("x"), .unknown("x"), .io("cannot write the token file")] {
                #expect(!error.message.contains(root.path))
            }
        }
    }

    @Test func tokensAreDistinct() throws {
        let tokens = Set((0..<100).map { _ in TokenStore.randomToken() })
        #expect(tokens.count == 100)
    }
}
