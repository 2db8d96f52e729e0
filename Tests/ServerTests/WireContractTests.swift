import Foundation
import Registry
import Testing

/// The push stream's messages survive the wire unchanged.
struct WireContractTests {
    let key = WorkerKey(runtimeId: "backend-internal", workerId: "w-1")

    @Test func everyLiveUpdateRoundTrips() throws {
        let updates: [LiveUpdate] = [
            .turnStarted(key, turn: 3),
            .delta(key, turn: 3, text: "héllo\n\u{1b}[31m"),
            .retrying(key, turn: 3, message: "rate limited"),
            .usage(key, turn: 3, Usage(input: 10, output: 20, cached: 1)),
            .entry(key, TranscriptItem(sequence: 4, role: .assistant, kind: .message, content: "done",
                                       createdAt: Date(timeIntervalSince1970: 1_700_000_000), interrupted: true)),
            .turnEnded(key, turn: 3, ending: .interrupted),
            .runtimeChanged(RuntimeSummary(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                           implementationKind: .embeddedWorkerRuntime, status: .running,
                                           capabilities: .none, counts: .init(workers: 2), diagnostics: [])),
        ]
        for update in updates {
            let message = StreamMessage.live(update)
            let decoded = try StreamMessage.decode(event: message.kind.rawValue, data: message.data())
            #expect(decoded == message)
        }
    }

    @Test func aFrameIsOneSSEEventWithTheCommittedId() {
        let event = RuntimeEventProjection(id: 42, runtimeId: "backend-internal", workerId: "w-1", kind: "input_accepted",
                                           message: "line one\nline two", createdAt: Date(timeIntervalSince1970: 0))
        let frame = StreamMessage.event(event).sseFrame()
        #expect(frame.hasPrefix("event: event\nid: 42\ndata: {"))
        #expect(frame.hasSuffix("}\n\n"))
        // Exactly one data line: JSON escapes the message's newline.
        #expect(frame.components(separatedBy: "\n").filter { $0.hasPrefix("data:") }.count == 1)
    }

    @Test func anUnknownKindIsSkippedNotFatal() throws {
        #expect(try StreamMessage.decode(event: "future_kind", data: "{}") == nil)
    }

    @Test func rekeyingMovesEveryUpdateToTheLocalRuntimeName() {
        let moved = LiveUpdate.delta(key, turn: 1, text: "x").rekeyed(to: "remote:build-1")
        #expect(moved.key == WorkerKey(runtimeId: "remote:build-1", workerId: "w-1"))
    }
}
