import Foundation
import Registry
import Runtime
import Synchronization
import Testing
import TestSupport

/// Issue 15, items 2 and 3: a console subscribed with a text scope gets the
/// text deltas of the worker it shows and only turn-level updates of the
/// rest; showing a worker mid-turn brings its text so far, in order with
/// the deltas; and the registry's one feed per source survives a takeover.
@Suite(.timeLimit(.minutes(1))) struct LiveTextScopeTests {
    /// What a subscriber's handler was given, in order.
    final class Seen: Sendable {
        private let updates = Mutex<[LiveUpdate]>([])
        func add(_ update: LiveUpdate) { updates.withLock { $0.append(update) } }
        var all: [LiveUpdate] { updates.withLock { $0 } }
        var deltas: [(WorkerKey, String)] {
            all.compactMap { if case let .delta(key, _, text) = $0 { (key, text) } else { nil } }
        }

        /// Waits (bounded) until `match` holds for what was seen.
        func wait(until match: @escaping @Sendable ([LiveUpdate]) -> Bool) async -> Bool {
            for _ in 0..<2_000 {
                if match(all) { return true }
                try? await Task.sleep(for: .milliseconds(5))
            }
            return false
        }
    }

    struct Turn: Sendable {
        let key: WorkerKey
        let sink: TurnSink
        let turn: TurnId
    }

    /// `count` workers, each with a turn started and held open by the test.
    static func startTurns(_ registry: RuntimeRegistry, _ backend: TestBackend, count: Int) async throws -> [Turn] {
        var turns: [Turn] = []
        for i in 0..<count {
            let worker = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default", label: "w\(i)"))
            _ = try await registry.sendInput(worker.key, text: "go")
            let last = try #require(backend.lastInput)
            let sink = backend.sink(last.handle)
            await sink.report(.started(last.turn))
            turns.append(Turn(key: worker.key, sink: sink, turn: last.turn))
        }
        return turns
    }

    /// 50 workers streaming 20 deltas each while one is shown: the
    /// subscriber's handler gets that one's 20 deltas and none of the other
    /// 980, yet every turn start and end and every committed entry.
    @Test func offScreenWorkersDeliverNoDeltas() async throws {
        let backend = TestBackend()
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend))
        let seen = Seen()
        let subscription = await registry.subscribeLive(text: .only(nil)) { seen.add($0) }
        let turns = try await Self.startTurns(registry, backend, count: 50)
        let shown = turns[7].key
        subscription.showText(of: shown)
        for round in 0..<20 {
            for t in turns { await t.sink.report(.textDelta(t.turn, "w\(round) ")) }
        }
        for t in turns {
            await t.sink.report(.blockCompleted(t.turn, (0..<20).map { "w\($0) " }.joined()))
            await t.sink.report(.finished(t.turn))
        }
        // Reports are handled, and delivered, before `report` returns.
        let all = seen.all
        #expect(seen.deltas.count == 20)
        #expect(seen.deltas.allSatisfy { $0.0 == shown })
        #expect(seen.deltas.map(\.1).joined() == (0..<20).map { "w\($0) " }.joined())
        let started = Set(all.compactMap { if case let .turnStarted(key, _) = $0 { key } else { nil } })
        let ended = Set(all.compactMap { if case let .turnEnded(key, _, _) = $0 { key } else { nil } })
        let replies = all.compactMap { if case let .entry(key, item) = $0, item.role == .assistant { (key, item.content) } else { nil } }
        #expect(started == Set(turns.map(\.key)))
        #expect(ended == Set(turns.map(\.key)))
        #expect(replies.count == 50)
        #expect(replies.allSatisfy { $0.1.hasPrefix("w0 w1 ") })
        withExtendedLifetime(subscription) {}
    }

    /// Showing a worker mid-turn: its text so far (a completed block not yet
    /// committed plus the block in progress) arrives before any later delta,
    /// and none of the deltas before it.
    @Test func showingAStreamingWorkerSendsItsTextSoFar() async throws {
        let backend = TestBackend()
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend))
        let seen = Seen()
        let subscription = await registry.subscribeLive(text: .only(nil)) { seen.add($0) }
        let t = try #require(try await Self.startTurns(registry, backend, count: 1).first)
        await t.sink.report(.textDelta(t.turn, "Hel"))
        await t.sink.report(.textDelta(t.turn, "lo"))
        await t.sink.report(.blockCompleted(t.turn, "Hello"))
        await t.sink.report(.textDelta(t.turn, " wor"))
        #expect(seen.deltas.isEmpty)

        subscription.showText(of: t.key)
        let arrived = await seen.wait { $0.contains { if case .textSoFar = $0 { true } else { false } } }
        #expect(arrived)
        await t.sink.report(.textDelta(t.turn, "ld"))
        let live = seen.all.filter { if case .textSoFar = $0 { true } else if case .delta = $0 { true } else { false } }
        #expect(live == [.textSoFar(t.key, turn: t.turn.rawValue, text: "Hello wor"), .delta(t.key, turn: t.turn.rawValue, text: "ld")])

        // Shown elsewhere: this worker's deltas stop again.
        subscription.showText(of: nil)
        await t.sink.report(.textDelta(t.turn, "!"))
        #expect(seen.deltas.map(\.1) == ["ld"])
        withExtendedLifetime(subscription) {}
    }

    /// A subscriber of every delta (the API's stream) still gets them all,
    /// and no `textSoFar` when another subscriber starts showing a worker.
    @Test func anAllTextSubscriberIsUnchanged() async throws {
        let backend = TestBackend()
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend))
        let every = Seen()
        let console = Seen()
        let all = await registry.subscribeLive(text: .all) { every.add($0) }
        let scoped = await registry.subscribeLive(text: .only(nil)) { console.add($0) }
        let turns = try await Self.startTurns(registry, backend, count: 3)
        scoped.showText(of: turns[1].key)
        _ = await console.wait { _ in true }
        for t in turns { await t.sink.report(.textDelta(t.turn, "x")) }
        #expect(every.deltas.count == 3)
        #expect(console.deltas.map(\.0) == [turns[1].key])
        #expect(!every.all.contains { if case .textSoFar = $0 { true } else { false } })
        withExtendedLifetime((all, scoped)) {}
    }

    /// The feed survives a takeover: after the source's runtime is replaced,
    /// the shown worker's deltas and its text so far still come.
    @Test func textFlowsAfterATakeover() async throws {
        let shared = MemoryStore()
        let backend = TestBackend()
        let observer = try WorkerRuntime(workspaceId: "ws-0123456789ab", store: ReadOnlyStore(shared), backend: backend,
                                         now: { fixedDate })
        let source = EmbeddedSource(runtime: observer, takeover: { () async throws(RuntimeError) -> WorkerRuntime in
            try WorkerRuntime(workspaceId: "ws-0123456789ab", store: shared, backend: backend, now: { fixedDate })
        })
        let registry = RuntimeRegistry()
        try registry.register(source)
        let seen = Seen()
        let subscription = await registry.subscribeLive(text: .only(nil)) { seen.add($0) }
        try await registry.takeover(runtime: "backend-internal")

        let t = try #require(try await Self.startTurns(registry, backend, count: 1).first)
        await t.sink.report(.textDelta(t.turn, "so far"))
        subscription.showText(of: t.key)
        #expect(await seen.wait { $0.contains(.textSoFar(t.key, turn: t.turn.rawValue, text: "so far")) })
        await t.sink.report(.textDelta(t.turn, ", then"))
        #expect(seen.deltas.map(\.1) == [", then"])
        withExtendedLifetime(subscription) {}
    }

    /// What the provider asks as it reads (`TurnSink.isWatched`) follows the
    /// subscribers: the shown worker's reply is watched, the rest are not
    /// (their providers are read in batches); a subscriber of every delta
    /// watches all of them; once it is gone, only the shown one again.
    @Test func onlyTheShownWorkersReplyIsWatched() async throws {
        let backend = TestBackend()
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend))
        let console = await registry.subscribeLive(text: .only(nil)) { _ in }
        let turns = try await Self.startTurns(registry, backend, count: 3)
        #expect(turns.map { $0.sink.isWatched() } == [false, false, false])
        console.showText(of: turns[1].key)
        #expect(turns.map { $0.sink.isWatched() } == [false, true, false])

        let every = await registry.subscribeLive(text: .all) { _ in }
        #expect(turns.map { $0.sink.isWatched() } == [true, true, true])
        every.cancel()
        #expect(turns.map { $0.sink.isWatched() } == [false, true, false])
        console.cancel()
        #expect(turns.map { $0.sink.isWatched() } == [false, false, false])
    }
}
