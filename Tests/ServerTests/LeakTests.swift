import Foundation
import NIOHTTP1
import Registry
@testable import Server
import Testing

/// No response holds a path, a socket name, a store file, a token, an auth
/// header or a credential: every body of a full scenario is scanned, over
/// both listeners, with secrets planted where a careless server would find
/// them.
@Suite(.serialized) struct LeakTests {
    static let fakeKey = "sk-fake-0123456789abcdefFAKEKEYFAKEKEY"

    @Test func noResponseOfAFullScenarioLeaks() async throws {
        setenv("WORKERDECK_TEST_PLANTED_KEY", Self.fakeKey, 1)
        defer { unsetenv("WORKERDECK_TEST_PLANTED_KEY") }
        let r = ServerHarness.runtimeId
        try await withServer { h in
            try Data(Self.fakeKey.utf8).write(to: h.root.appendingPathComponent("credentials"))
            let tcp = ServerHarness.Via.tcp(token: h.token)
            let w = try await h.createWorker(label: "leak")
            let base = "/v1/runtimes/\(r)/workers/\(w.workerId)"
            for via in [ServerHarness.Via.socket, tcp] {
                _ = try await h.send(.GET, "/v1/version", via: via)
                _ = try await h.send(.GET, "/v1/runtimes", via: via)
                _ = try await h.send(.GET, "/v1/runtimes/\(r)", via: via)
                _ = try await h.send(.GET, "/v1/runtimes/\(r)/workers", via: via)
                _ = try await h.send(.GET, base, via: via)
                _ = try await h.send(.GET, "/v1/metrics", via: via)
                _ = try await h.send(.GET, "/v1/openapi.json", via: via)
                _ = try await h.send(.GET, "/v1/nowhere\(h.socketPath)", via: via)
                _ = try await h.send(.POST, "\(base)/input", body: Data("{\"text\": \(h.socketPath.debugDescription)".utf8), via: via)
                _ = try await h.send(.GET, "/v1/runtimes/\(r)/events?from=\(h.token)", via: via)
            }
            // A turn, a refused turn and a failed spawn whose backend text
            // names paths, the key and the token.
            let noisy = "failed at \(h.socketPath) and \(h.root.path)/store.sqlite with key \(Self.fakeKey) token \(h.token)"
            h.backend.set { $0.turn = .replySynchronously("fine") }
            _ = try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "hello")), via: tcp)
            h.backend.set { $0.turn = .reject(noisy) }
            _ = try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "again")), via: tcp)
            h.backend.set { $0.spawn = .error(noisy) }
            let broken = try await h.send(.POST, "/v1/runtimes/\(r)/workers", body: ServerHarness.json(CreateWorkerBody(profile: "default")))
            h.backend.set { $0.spawn = .reject(noisy) }
            _ = try await h.send(.POST, "/v1/runtimes/\(r)/workers", body: ServerHarness.json(CreateWorkerBody(profile: "default")), via: tcp)
            if let id = try? broken.decode(WorkerSummary.self).workerId {
                _ = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(id)/reconnect", via: tcp)
                _ = try await h.send(.GET, "/v1/runtimes/\(r)/workers/\(id)", via: tcp)
            }
            _ = try await h.send(.POST, "/v1/runtimes/\(r)/reconnect-stale", via: tcp)
            _ = try await h.send(.GET, "\(base)/transcript?start=0&limit=50", via: tcp)
            _ = try await h.send(.GET, "/v1/runtimes/\(r)/workers", via: tcp)
            _ = try await h.send(.POST, "\(base)/stop", via: tcp)
            _ = try await h.send(.GET, "/v1/runtimes/\(r)/events?from=1&limit=1000", via: tcp)

            // The stream from the start, up to the stop.
            var (_, stream) = try await h.openStream(query: "?from=1")
            let messages = try await stream.read { if case .event(let e) = $0 { return e.kind == "worker_stopped" } else { return false } }
            let bodies = h.bodies.withLock { $0 } + messages.map { $0.sseFrame() }
            #expect(bodies.count > 30)

            let forbidden = [h.root.path, h.root.lastPathComponent, h.socketPath, ".sock", "sqlite", "Bearer", h.token,
                             Self.fakeKey, "FAKEKEY", NSTemporaryDirectory(), "/tmp/"]
            for body in bodies {
                for word in forbidden where body.contains(word) {
                    Issue.record("a response holds \(word == h.token ? "the token" : word) after: \(Self.before(word, in: body))")
                }
            }
        }
    }

    /// What precedes the first `word` in `text`, to show where a leak is.
    static func before(_ word: String, in text: String) -> String {
        guard let range = text.range(of: word) else { return "" }
        return String(text[..<range.lowerBound].suffix(160))
    }
}
