import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct PagingAndEventTests {
    /// A worker with `count` entries (user/assistant pairs).
    func worker(entries count: Int, limits: RuntimeLimits = RuntimeLimits()) async throws -> (WorkerRuntime, WorkerRef) {
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("reply") }
        let runtime = try makeRuntime(backend: backend, limits: limits)
        let ref = try await runtime.createWorker(profile: "default").ref
        for index in 0..<(count / 2) { _ = try await runtime.sendInput(ref, text: "q\(index)") }
        return (runtime, ref)
    }

    @Test func pagesAreBoundedWithNextStart() async throws {
        let (runtime, ref) = try await worker(entries: 10)
        let first = try await runtime.transcript(ref, start: 0, limit: 4)
        #expect(first.items.map(\.sequence) == [1, 2, 3, 4])
        #expect(first.totalItems == 10 && first.nextStart == 4)
        let last = try await runtime.transcript(ref, start: 8, limit: 4)
        #expect(last.items.map(\.sequence) == [9, 10])
        #expect(last.nextStart == nil)
        let past = try await runtime.transcript(ref, start: 50, limit: 4)
        #expect(past.items.isEmpty && past.nextStart == nil && past.totalItems == 10)
        let tail = try await runtime.transcriptTail(ref, limit: 3)
        #expect(tail.items.map(\.sequence) == [8, 9, 10] && tail.start == 7)
    }

    /// Creation order (the id's sequence), the first `limit` of it; past
    /// 16 workers so the ids cross a hex digit.
    @Test func workersListInCreationOrderUpToTheLimit() async throws {
        let runtime = try makeRuntime(backend: TestBackend())
        var created: [WorkerId] = []
        for _ in 0..<20 { created.append(try await runtime.createWorker(profile: "default").ref.workerId) }
        #expect(try await runtime.listWorkers(limit: 100).map(\.ref.workerId) == created)
        #expect(try await runtime.listWorkers(limit: 17).map(\.ref.workerId) == Array(created.prefix(17)))
        #expect(created[16].rawValue == "worker-00000011")
        // Pages after a cursor, across the hex digit, to the end.
        #expect(try await runtime.listWorkers(limit: 5, after: created[14]).map(\.ref.workerId) == Array(created[15..<20]))
        #expect(try await runtime.listWorkers(limit: 5, after: created[19]).isEmpty)
        // A cursor whose worker was deleted still marks its place.
        _ = try await runtime.deleteWorker(WorkerRef(runtimeId: runtime.runtimeId, workerId: created[9]))
        #expect(try await runtime.listWorkers(limit: 2, after: created[9]).map(\.ref.workerId) == [created[10], created[11]])
        // An id this runtime never minted is refused, not read as "from the start".
        for never in ["worker-00000099", "nonsense"] {
            let id = WorkerId(rawValue: never)!
            #expect(await runtimeError { _ = try await runtime.listWorkers(limit: 2, after: id) }
                    == .workerNotFound(WorkerRef(runtimeId: runtime.runtimeId, workerId: id)))
        }
    }

    @Test func limitZeroAndOverMaximumAreErrors() async throws {
        let (runtime, ref) = try await worker(entries: 2, limits: RuntimeLimits(maxTranscriptPage: 16))
        #expect(await runtimeError { _ = try await runtime.transcript(ref, start: 0, limit: 0) } == .invalidRequest("limit must be at least 1"))
        #expect(await runtimeError { _ = try await runtime.transcript(ref, start: 0, limit: 17) } == .limitTooLarge(requested: 17, max: 16))
        #expect(await runtimeError { _ = try await runtime.transcript(ref, start: -1, limit: 1) } == .invalidRequest("start must be 0 or more"))
        #expect(await runtimeError { _ = try await runtime.transcriptTail(ref, limit: 0) } == .invalidRequest("limit must be at least 1"))
        #expect(await runtimeError { _ = try await runtime.listWorkers(limit: 0) } == .invalidRequest("limit must be at least 1"))
    }

    @Test func eventCursorsAdvanceWithHasMore() async throws {
        let (runtime, _) = try await worker(entries: 4)
        // runtime_started, worker_created, (input_accepted, turn_completed) × 2 = 6 events
        let start = EventCursor.fromStart(.embedded)
        let first = try await runtime.events(start, limit: 4)
        #expect(first.events.map(\.id) == [1, 2, 3, 4])
        #expect(first.hasMore)
        let second = try await runtime.events(first.cursor, limit: 4)
        #expect(second.events.map(\.id) == [5, 6])
        #expect(!second.hasMore)
        #expect(second.cursor == EventCursor(runtimeId: .embedded, nextEventId: 7))
        #expect(await runtime.nowCursor() == second.cursor)
        let empty = try await runtime.events(second.cursor, limit: 4)
        #expect(empty.events.isEmpty && !empty.hasMore && empty.cursor == second.cursor)

        let foreign = EventCursor.fromStart(RuntimeId("elsewhere"))
        #expect(await runtimeError { _ = try await runtime.events(foreign, limit: 1) }
            == .wrongRuntimeCursor(expected: .embedded, got: RuntimeId("elsewhere")))
        #expect(throws: RuntimeError.wrongRuntimeCursor(expected: .embedded, got: RuntimeId("elsewhere"))) {
            _ = try runtime.subscribe(from: foreign)
        }
    }

    @Test func subscriptionDeliversBacklogThenLiveInOrder() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref   // events 1, 2
        let stream = try runtime.subscribe(from: .fromStart(.embedded))
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next()?.kind == .runtimeStarted)
        #expect(await iterator.next()?.kind == .workerCreated)
        _ = try await runtime.sendInput(ref, text: "go")                   // event 3
        await backend.replyToLast("ok")                                      // event 4
        _ = try await runtime.stop(ref)                                      // event 5
        var live: [Int64] = []
        var kinds: [RuntimeEventKind] = []
        while live.count < 3, let event = await iterator.next() {
            live.append(event.id)
            kinds.append(event.kind)
        }
        #expect(live == [3, 4, 5])
        #expect(kinds == [.workerInputAccepted, .workerTurnCompleted, .workerStopped])
    }
}
