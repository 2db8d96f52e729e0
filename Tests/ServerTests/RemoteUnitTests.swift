import Foundation
import Logging
@testable import Remote
import Registry
import Runtime
import Synchronization
import Testing

/// The remote source's pieces that need no server: error mapping,
/// re-labelling, the backoff schedule, the push stream's framing, the hub.
struct RemoteErrorMappingTests {
    let errors = RemoteErrors(config: RemoteConfig(runtimeId: "remote:build-1", displayName: "build-1",
                                                   endpoint: .unixSocket(path: "/tmp/secret-dir/api.sock")))

    func body(_ code: String, _ message: String = "m") -> [UInt8] {
        Array(ProjectionJSON.string(APIErrorBody(code: code, message: message)).utf8)
    }

    @Test func everyStatusClassMapsToItsSourceError() {
        #expect(errors.status(404, body: body("unknown_worker"), worker: "w-1") == .unknownWorker("w-1"))
        #expect(errors.status(404, body: body("unknown_runtime"), worker: nil)
            == .unavailable(code: "remote_runtime_missing", message: "remote build-1 no longer serves this runtime"))
        #expect(errors.status(409, body: body("busy"), worker: "w-1") == .busy(worker: "w-1"))
        #expect(errors.status(409, body: body("worker_stale", "w-1 is stale"), worker: "w-1")
            == .rejected(code: "worker_stale", message: "w-1 is stale"))
        #expect(errors.status(400, body: body("invalid_request", "bad limit"), worker: nil) == .invalidRequest("bad limit"))
        #expect(errors.status(413, body: body("too_large", "too big"), worker: nil) == .invalidRequest("too big"))
        #expect(errors.status(501, body: body("unsupported"), worker: "w-1", operation: "transcript")
            == .unsupported(operation: "transcript"))
        #expect(errors.status(404, body: body("not_found"), worker: "w-1", operation: "reconnect")
            == .unsupported(operation: "reconnect"))
        #expect(errors.status(503, body: body("runtime_stopped", "stopped"), worker: nil)
            == .unavailable(code: "runtime_stopped", message: "stopped"))
        // 401 has an empty body.
        #expect(errors.status(401, body: [], worker: nil)
            == .unavailable(code: "remote_unauthorized", message: "the remote refused the token"))
        #expect(errors.status(500, body: Array("oops /tmp/secret-dir".utf8), worker: nil)
            == .unavailable(code: "remote_error", message: "remote build-1 answered HTTP 500"))
    }

    @Test func transportFailuresArePathFree() {
        let refused = errors.transport(POSIXError(.ECONNREFUSED))
        #expect(refused == .unavailable(code: "owner_unreachable", message: "cannot reach remote build-1"))
        let local = RemoteErrors(config: RemoteConfig(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                                      endpoint: .unixSocket(path: "/x/api.sock"),
                                                      implementationKind: .embeddedWorkerRuntime))
        #expect(local.transport(POSIXError(.ENOENT)) == .unavailable(code: "owner_unreachable",
                                                                      message: "cannot reach the workspace's owner"))
        #expect(errors.incompatible(server: 2) == .unavailable(
            code: "remote_incompatible", message: "remote build-1 speaks API v2; this workerdeck speaks v1"))
    }
}

struct RemoteRelabelTests {
    func worker() -> WorkerSummary {
        WorkerSummary(runtimeId: "backend-internal", workerId: "w-1", label: "w-1", implementationKind: .embeddedWorkerRuntime,
                      status: .idle, runState: .idle,
                      capabilities: Capabilities(canListWorkers: true, canCreateWorker: true, canAcceptInput: true, canStop: true,
                                                 canReadTranscript: true),
                      diagnostics: [Diagnostic(code: "embedded_worker_stale", severity: .warning, message: "stale",
                                               implementationKind: .embeddedWorkerRuntime, workerId: "w-1")])
    }

    @Test func aRemoteWorkerIsShownUnderTheLocalIdAndKind() {
        let relabel = RemoteRelabel(config: RemoteConfig(runtimeId: "remote:build-1", displayName: "build-1",
                                                         endpoint: .unixSocket(path: "/s")))
        let shown = relabel.worker(worker())
        #expect(shown.key == WorkerKey(runtimeId: "remote:build-1", workerId: "w-1"))
        #expect(shown.implementationKind == .remoteWorkerRuntime)
        #expect(shown.diagnostics.map(\.code) == ["remote_worker_stale"])
        #expect(shown.diagnostics.map(\.implementationKind) == [.remoteWorkerRuntime])
        #expect(shown.capabilities.canAcceptInput)
        // Live updates and their worker summaries move too.
        #expect(relabel.live(.workerChanged(worker())) == .workerChanged(shown))
        #expect(relabel.live(.delta(worker().key, turn: 1, text: "x")).key == shown.key)
    }

    @Test func theLocalOwnerPassesThroughAsIfInProcess() {
        let relabel = RemoteRelabel(config: RemoteConfig(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                                         endpoint: .unixSocket(path: "/s"),
                                                         implementationKind: .embeddedWorkerRuntime))
        #expect(relabel.worker(worker()) == worker())
        let summary = RuntimeSummary(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                     implementationKind: .embeddedWorkerRuntime, status: .running,
                                     capabilities: .none, counts: .init(workers: 2), diagnostics: [])
        #expect(relabel.summary(summary, displayName: "ignored") == summary)
    }

    @Test func aReadOnlyRemoteShowsNoMutation() {
        let relabel = RemoteRelabel(config: RemoteConfig(runtimeId: "remote:ro", displayName: "ro",
                                                         endpoint: .unixSocket(path: "/s"), readOnly: true))
        let caps = relabel.worker(worker()).capabilities
        #expect(caps.readOnly && caps.canListWorkers && caps.canReadTranscript)
        #expect(!caps.canCreateWorker && !caps.canAcceptInput && !caps.canStop)
        let summary = relabel.summary(RuntimeSummary(runtimeId: "x", displayName: "x", implementationKind: .embeddedWorkerRuntime,
                                                     status: .running, capabilities: worker().capabilities,
                                                     counts: .init(workers: 1), diagnostics: []), displayName: "ro")
        #expect(summary.status == .connected && summary.runtimeId == "remote:ro" && summary.displayName == "ro")
        #expect(summary.capabilities.readOnly && !summary.capabilities.canCreateWorker)
        #expect(summary.counts.workers == 1)
    }
}

struct RemoteBackoffTests {
    @Test func doublesFromAQuarterSecondToTenSeconds() {
        let backoff = Backoff()
        let schedule = (0..<9).map { backoff.delay(attempt: $0) }
        #expect(schedule == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8),
                             .seconds(10), .seconds(10), .seconds(10)])
        #expect(backoff.delay(attempt: 10_000) == .seconds(10))
    }
}

struct RemoteStreamFramingTests {
    let key = WorkerKey(runtimeId: "backend-internal", workerId: "w-1")

    var messages: [StreamMessage] {
        [
            .hello(StreamHello(runtimeId: "backend-internal", nextEventId: 7)),
            .event(RuntimeEventProjection(id: 7, runtimeId: "backend-internal", workerId: "w-1", kind: "input_accepted",
                                          message: "two\nlines é 🦊", createdAt: Date(timeIntervalSince1970: 1_700_000_000))),
            .live(.delta(key, turn: 2, text: "héllo\r\n")),
            .lagged(StreamLagged(from: 3)),
        ]
    }

    /// Every split of the byte stream decodes to the same messages.
    @Test func framesSplitAnywhereDecodeToTheSameMessages() throws {
        let bytes = Array(messages.map { $0.sseFrame() }.joined().utf8)
        for split in stride(from: 0, through: bytes.count, by: 1) {
            var parser = SSEParser()
            let events = parser.feed(bytes[..<split]) + parser.feed(bytes[split...])
            let decoded = try events.compactMap { try StreamMessage.decode(event: $0.event, data: $0.data) }
            #expect(decoded == messages, "split at \(split)")
            #expect(events[1].id == "7")
        }
        // And byte by byte.
        var parser = SSEParser()
        let events = bytes.flatMap { parser.feed([$0]) }
        #expect(try events.compactMap { try StreamMessage.decode(event: $0.event, data: $0.data) } == messages)
    }
}

struct RemoteHubTests {
    func event(_ id: Int64) -> RuntimeEventProjection {
        RuntimeEventProjection(id: id, runtimeId: "remote:a", workerId: nil, kind: "k", message: "m",
                               createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test func anEventSubscriberGetsTheLogThenThePushedEventsInOrderWithoutDuplicates() async {
        let hub = RemoteHub()
        let (id, stream) = hub.eventStream(from: 3)
        hub.publish(event(6)) // pushed while catching up: waits
        hub.deliver([event(2), event(3), event(4), event(5)], to: id)
        hub.publish(event(5)) // a duplicate
        hub.caughtUp(id)
        hub.publish(event(6)) // resumed stream replays it
        hub.publish(event(7))
        hub.finishAll()
        var ids: [Int64] = []
        for await e in stream { ids.append(e.id) }
        #expect(ids == [3, 4, 5, 6, 7])
    }

    @Test func liveUpdatesFanOutAndFilterByWorker() async {
        let hub = RemoteHub()
        let all1 = hub.liveStream()
        let all2 = hub.liveStream()
        let one = hub.liveStream(worker: "w-2")
        let a = WorkerKey(runtimeId: "r", workerId: "w-1"), b = WorkerKey(runtimeId: "r", workerId: "w-2")
        hub.publish(.delta(a, turn: 1, text: "a"))
        hub.publish(.delta(b, turn: 1, text: "b"))
        hub.finishAll()
        #expect(await remoteCollect(all1).count == 2)
        #expect(await remoteCollect(all2).count == 2)
        #expect(await remoteCollect(one) == [.delta(b, turn: 1, text: "b")])
        // After the end, a new subscriber gets an ended stream.
        #expect(await remoteCollect(hub.liveStream()).isEmpty)
    }

    /// The registry's feed gets every update at once, on the publishing
    /// thread, in order: no stream, no task. A delta nobody wants is not
    /// handed over; after `cancel` and after the hub finished, nothing is.
    @Test func aFeedSinkGetsUpdatesDirectlyInOrderUntilCancelled() {
        let hub = RemoteHub()
        let got = Mutex<[LiveUpdate]>([])
        let sink = LiveSink(wantsText: { $0 != "w-quiet" }, deliver: { update in got.withLock { $0.append(update) } })
        let feed = RemoteLiveFeed(hub: hub, id: hub.addSink(sink))
        let a = WorkerKey(runtimeId: "r", workerId: "w-1"), quiet = WorkerKey(runtimeId: "r", workerId: "w-quiet")
        hub.publish(.delta(a, turn: 1, text: "a"))
        hub.publish(.delta(quiet, turn: 1, text: "unwanted"))
        hub.publish(.delta(a, turn: 1, text: "b"))
        // Handed over before `publish` returned.
        #expect(got.withLock { $0 } == [.delta(a, turn: 1, text: "a"), .delta(a, turn: 1, text: "b")])
        feed.cancel()
        hub.publish(.delta(a, turn: 1, text: "after cancel"))
        #expect(got.withLock { $0.count } == 2)
        hub.finishAll()
        #expect(hub.addSink(sink) == nil)
    }

    @Test func statusWatchersSeeTheCurrentStatusThenChanges() async {
        let hub = RemoteHub()
        let statuses = hub.statusStream()
        hub.publish(status: .unavailable)
        hub.publish(status: .unavailable) // not repeated
        hub.publish(status: .connected)
        hub.finishAll()
        #expect(await remoteCollect(statuses) == [.connecting, .unavailable, .connected, .unavailable])
    }
}

/// Everything a finite stream yields.
func remoteCollect<S: AsyncSequence>(_ sequence: S) async -> [S.Element] {
    var result: [S.Element] = []
    var iterator = sequence.makeAsyncIterator()
    while let element = try? await iterator.next() { result.append(element) }
    return result
}
