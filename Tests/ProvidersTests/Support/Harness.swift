import FakeLLM
import Foundation
import Runtime
import Testing
@testable import Providers

/// Records the retry delays a backend asked to sleep, without sleeping.
actor SleepLog {
    private(set) var delays: [Duration] = []
    func add(_ delay: Duration) { delays.append(delay) }
}

/// Headers timeouts that elapse only when a test says so: a pending one
/// suspends until `elapseNext` (or until it is cancelled, when the
/// response came first). No test waits for real time to pass.
actor TimeoutGate {
    private var pending: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    private var nextId: UInt64 = 0
    private var watchers: [CheckedContinuation<Void, Never>] = []

    func wait(_ duration: Duration) async throws {
        let id = nextId
        nextId += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Cancelled before getting here: `cancel(id)` found nothing to resume.
                if Task.isCancelled { return continuation.resume(throwing: CancellationError()) }
                pending[id] = continuation
                let ready = watchers
                watchers.removeAll()
                ready.forEach { $0.resume() }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    private func cancel(_ id: UInt64) {
        pending.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    /// Waits until a timeout is pending, then makes every pending one elapse.
    func elapseNext() async {
        while pending.isEmpty { await withCheckedContinuation { watchers.append($0) } }
        let ready = pending
        pending.removeAll()
        ready.values.forEach { $0.resume() }
    }
}

/// A loopback port that refuses connections for the whole test run: a TCP
/// socket bound but never listening (connecting gets a reset, ECONNREFUSED),
/// kept open so no other test's server can be given the same port. (A
/// server's port closed again was sometimes handed to the next server
/// started by a parallel test, and the "refused" connection was answered.)
final class RefusingPort: Sendable {
    static let shared = RefusingPort()
    let port: Int
    private let fd: Int32

    private init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        precondition(fd >= 0 && bound, "cannot bind a loopback socket for the refused-port tests")
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A real `WorkerRuntime` over a `MemoryStore`, driven by a real
/// `LLMBackend` talking to a `FakeLLMServer` on loopback. Retries never
/// sleep (the delays are logged), jitter is fixed at 0.6, and a headers
/// timeout elapses only through `timeouts`.
struct Harness {
    static let plantedKey = "sk-planted-7f3a9c2e41b8d6f05a1e9c3b7d2f8a64"
    static let plantedAnthropicKey = "sk-ant-api03-Zq8LmN4vR2tY6uI0oP9aS3dF7gH1jK5l"
    static let modes = ["normal", "slow", "hold", "hold.1", "ratelimit", "flaky", "drop", "garbage", "unauthorized",
                        "tool", "drop.1"]

    let server: FakeLLMServer
    /// A loopback port nothing listens on.
    let closedPort: Int
    let backend: LLMBackend
    let runtime: WorkerRuntime
    let sleeps: SleepLog
    let timeouts: TimeoutGate

    /// How transport errors name the fake server.
    var serverEndpoint: String { "127.0.0.1:\(server.port)" }

    static func config(port: Int, closedPort: Int, extra: [(String, ConfigValue)] = []) -> ConfigDocument {
        let fake = "http://127.0.0.1:\(port)"
        var entries: [(String, ConfigValue)] = [
            ("providers.fake.scheme", "openai_chat"),
            ("providers.fake.base_url", .string(fake + "/v1")),
            ("providers.fake.auth", ["env": "FAKE_KEY"]),

            ("providers.fakehang.scheme", "openai_chat"),
            ("providers.fakehang.base_url", .string(fake + "/v1")),
            ("providers.fakehang.auth", ["env": "FAKE_KEY"]),
            ("providers.fakehang.headers_timeout_ms", 300), // named in the message; elapses through `timeouts`
            ("profiles.hang-4.model", "fakehang/hang.4"),

            ("providers.fakeanthropic.scheme", "anthropic"),
            ("providers.fakeanthropic.base_url", .string(fake)),
            ("providers.fakeanthropic.auth", ["env": "FAKE_ANTHROPIC_KEY"]),

            ("providers.fakestall.scheme", "openai_chat"),
            ("providers.fakestall.base_url", .string(fake + "/v1")),
            ("providers.fakestall.auth", ["env": "FAKE_KEY"]),
            // AsyncHTTPClient's read timeout, in real time: the first chunks must beat it even on a loaded machine.
            ("providers.fakestall.chunk_timeout_ms", 2000),
            ("profiles.stall.model", "fakestall/hold.1"),

            // The default timeouts: a refused connection must not wait for them.
            ("providers.fakedown.scheme", "openai_chat"),
            ("providers.fakedown.base_url", .string("http://127.0.0.1:\(closedPort)/v1")),
            ("providers.fakedown.auth", "none"),
            ("profiles.down.model", "fakedown/normal"),

            ("providers.scripted.delay_ms", 0),
        ]
        for mode in modes {
            let name = mode.replacingOccurrences(of: ".", with: "-")
            entries += [
                ("profiles.\(name).model", .string("fake/\(mode)")),
                ("profiles.\(name).system_prompt", "Be terse."),
                ("profiles.a-\(name).model", .string("fakeanthropic/\(mode)")),
                ("profiles.a-\(name).system_prompt", "Be terse."),
                ("profiles.a-\(name).max_tokens", 64),
            ]
        }
        return ConfigDocument(file: "test.toml", entries: entries + extra)
    }

    static func make(environment: [String: String] = ["FAKE_KEY": plantedKey, "FAKE_ANTHROPIC_KEY": plantedAnthropicKey],
                     extraConfig: [(String, ConfigValue)] = []) async throws -> Harness {
        let server = try await FakeLLMServer.start()
        let closedPort = RefusingPort.shared.port
        let document = config(port: server.port, closedPort: closedPort, extra: extraConfig)
        let (config, warnings) = try ProvidersConfig.decode(document)
        #expect(warnings.isEmpty)
        let sleeps = SleepLog()
        let timeouts = TimeoutGate()
        let retry = RetryEnvironment(sleep: { await sleeps.add($0) }, timeout: { try await timeouts.wait($0) },
                                     random: { 0.6 })
        let backend = LLMBackend(config: config, environment: environment, retry: retry)
        let runtime = try WorkerRuntime(workspaceId: "ws-test", store: MemoryStore(), backend: backend)
        return Harness(server: server, closedPort: closedPort, backend: backend, runtime: runtime,
                       sleeps: sleeps, timeouts: timeouts)
    }

    /// Lets the headers timeouts of `count` attempts at a `hang` model
    /// elapse, each once its request has reached the server (a request
    /// cancelled before it is sent would not count as one of the model's
    /// misbehaving requests).
    func elapseHeadersTimeouts(model: String, count: Int) async {
        for attempt in 1...count {
            await server.state.waitForRequests(model: model, count: attempt)
            await timeouts.elapseNext()
        }
    }

    /// Runs `body` with a fresh harness and closes it afterwards, awaited,
    /// whether `body` returns or throws: no test leaves its server or HTTP
    /// clients running into the next (a `defer { Task { … } }` would).
    static func with(environment: [String: String] = ["FAKE_KEY": plantedKey, "FAKE_ANTHROPIC_KEY": plantedAnthropicKey],
                     _ body: (Harness) async throws -> Void) async throws {
        let harness = try await make(environment: environment)
        do {
            try await body(harness)
        } catch {
            await harness.close()
            throw error
        }
        await harness.close()
    }

    func close() async {
        await backend.shutdown()
        await server.close()
    }

    func createWorker(_ profile: String) async throws -> WorkerRef {
        try await runtime.createWorker(profile: profile).ref
    }

    /// Sends `text` and collects the worker's live events until the turn ends.
    func turn(_ ref: WorkerRef, _ text: String) async throws -> [LiveEvent] {
        let events = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: text)
        return await Self.collectUntilTurnEnds(events)
    }

    /// As `turn`, against a `drop` model: the server holds the drop until
    /// `streamed` has reached the worker (parts read together arrive as one
    /// delta), so which text arrived before the connection failed does not
    /// depend on scheduling.
    func turn(_ ref: WorkerRef, _ text: String, droppingAfter streamed: String) async throws -> [LiveEvent] {
        await server.state.holdDrops()
        let events = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: text)
        var seen: [LiveEvent] = []
        for await event in events {
            seen.append(event)
            if case .textDelta = event, seen.text == streamed { await server.state.releaseDrop() }
            if case .turnEnded = event { break }
        }
        return seen
    }

    static func collectUntilTurnEnds(_ events: AsyncStream<LiveEvent>, from start: [LiveEvent] = []) async -> [LiveEvent] {
        var seen = start
        for await event in events {
            seen.append(event)
            if case .turnEnded = event { break }
        }
        return seen
    }

    func transcript(_ ref: WorkerRef) async throws -> [TranscriptEntry] {
        try await runtime.transcript(ref, start: 0, limit: 256).items
    }

    /// `role kind: content` lines, for exact assertions.
    func lines(_ ref: WorkerRef) async throws -> [String] {
        try await transcript(ref).map { "\($0.role.rawValue) \($0.kind.rawValue): \($0.content)" + ($0.interrupted ? " (interrupted)" : "") }
    }
}

extension Array where Element == LiveEvent {
    var deltas: [String] {
        compactMap { if case let .textDelta(_, text) = $0 { text } else { nil } }
    }

    /// The streamed text: deltas joined (how it was split depends on reads).
    var text: String { deltas.joined() }

    var retries: [String] {
        compactMap { if case let .retrying(_, text) = $0 { text } else { nil } }
    }

    var ending: TurnEnding? {
        for event in self { if case let .turnEnded(_, ending) = event { return ending } }
        return nil
    }
}
