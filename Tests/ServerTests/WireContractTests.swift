import Foundation
import Registry
import Runtime
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

    /// The API codec has no key strategy: each wire type spells its keys.
    /// A property added without its snake_case key would go out camelCase
    /// there while the CLI's strategy encoder still wrote snake_case; here
    /// both encoders must agree on every wire type, fully populated, and the
    /// decoder must read it back unchanged.
    @Test func everyWireTypeSpellsItsSnakeCaseKeys() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let diagnostic = Diagnostic(code: "embedded_x", severity: .warning, message: "m", implementationKind: .embeddedWorkerRuntime,
                                    workerId: "w-1")
        let capabilities = Capabilities(canListWorkers: true, canGetWorker: true, canCreateWorker: true, canAcceptInput: true,
                                        canInterrupt: true, canStop: true, canCancel: true, canReconnect: true,
                                        canReadTranscript: true, canStreamEvents: true, readOnly: true)
        let worker = WorkerSummary(runtimeId: "backend-internal", workerId: "w-1", label: "l", implementationKind: .embeddedWorkerRuntime,
                                   status: .idle, runState: .idle, profile: "p", model: "m", transcriptLen: 3, lastActivityAt: date,
                                   usage: Usage(input: 1, output: 2, cached: 3), capabilities: capabilities, diagnostics: [diagnostic],
                                   createdAt: date, updatedAt: date, lastEventId: 9, binding: "llm",
                                   lastResult: LastResult(operation: .input, outcome: .accepted, message: "ok"), configBundle: "b",
                                   pendingApprovals: 1, alwaysAllowed: [.edit, .bash])
        let item = TranscriptItem(sequence: 1, role: .assistant, kind: .message, content: "c", createdAt: date, interrupted: true)
        var callItem = TranscriptItem(sequence: 2, role: .assistant, kind: .toolCall, content: "{}", createdAt: date)
        callItem.toolCall = ToolCallRequest(callId: "call_1", tool: "edit", arguments: "{}")
        var resultItem = TranscriptItem(sequence: 3, role: .tool, kind: .toolResult, content: "{}", createdAt: date)
        resultItem.toolResult = ToolResult(callId: "call_1", status: .ok, output: "o", truncated: true, diff: "-a\n+b\n")
        let runtime = RuntimeSummary(runtimeId: "backend-internal", displayName: "d", implementationKind: .embeddedWorkerRuntime,
                                     status: .running, capabilities: capabilities, counts: .init(workers: 1, active: 1, busy: 1, stale: 1, needsApproval: 1),
                                     diagnostics: [diagnostic])
        let event = RuntimeEventProjection(id: 1, runtimeId: "backend-internal", workerId: "w-1", kind: "k", message: "m", createdAt: date)
        let accepted = try ProjectionJSON.decoder().decode(InputAccepted.self, from: Data(
            #"{"runtime_id":"backend-internal","worker_id":"w-1","transcript_sequence":2,"event_id":5,"turn":1}"#.utf8))
        func same<T: Codable & Equatable>(_ value: T) throws {
            // The API's encoder leaves keys unsorted; sorted, its text is the CLI's.
            let wire = try ProjectionJSON.wireEncoder().encode(value)
            let sorted = try ProjectionJSON.wireEncoder(sortedKeys: true).encode(value)
            #expect(String(decoding: sorted, as: UTF8.self) == String(decoding: try ProjectionJSON.encoder().encode(value), as: UTF8.self),
                    "\(T.self)")
            #expect(try JSONSerialization.jsonObject(with: wire) as? NSObject == JSONSerialization.jsonObject(with: sorted) as? NSObject,
                    "\(T.self)")
            #expect(try ProjectionJSON.decoder().decode(T.self, from: wire) == value, "\(T.self)")
        }
        try same(worker)
        try same(WorkersPage(runtimeId: "backend-internal", workers: [worker], truncated: true))
        try same(runtime)
        try same(TranscriptPage(runtimeId: "backend-internal", workerId: "w-1", start: 0, limit: 1, totalItems: 2, nextStart: 1, items: [item, callItem, resultItem]))
        let approval = ApprovalProjection(runtimeId: "backend-internal", workerId: "w-1", workerLabel: "l", callId: "call_1",
                                          tool: "bash", arguments: "{}", requestedAt: date, diff: "d", command: "make", directory: "workspace")
        try same(ApprovalsPage(runtimeId: "backend-internal", approvals: [approval]))
        try same(ApprovalAnswerBody(decision: .deny, message: "m"))
        try same(WorkdirDiffPage(runtimeId: "backend-internal", workerId: "w-1", directory: "worktree w-1", diff: "+x\n", truncated: true))
        try same(accepted)
        try same(EventsPage(runtimeId: "backend-internal", events: [event], nextCursor: 2, hasMore: true))
        try same(ReconnectReport(runtimeId: "backend-internal", reconnected: ["w-1"], failed: [.init(workerId: "w-2", reason: "r")]))
        try same(StreamHello(runtimeId: "backend-internal", nextEventId: 3))
        try same(StreamLagged(from: 4))
        try same(APIVersionInfo(version: "1.0"))
        try same(CreateWorkerBody(profile: "p", label: "l", input: "i"))
        try same(InputBody(text: "t"))
        try same(RenameBody(label: "l"))
        try same(ForkBody(at: 3, label: "l"))
        try same(ForkBody())
        try same(DeletedWorker(runtimeId: "backend-internal", workerId: "w-1", eventId: 7, directoryRemoved: false))
        try same(ForkParent(workerId: "w-1", entry: 2))
        try same(SearchPage(runtimeId: "backend-internal", query: "q", limit: 5, matches: [
            SearchMatch(runtimeId: "backend-internal", workerId: "w-1", sequence: 3, role: .tool, kind: .toolResult,
                        snippet: "…s…", createdAt: date),
            SearchMatch(runtimeId: "backend-internal", workerId: "w-2", sequence: 1, role: .user, kind: .message,
                        snippet: "s", createdAt: nil),
        ]))
        try same(APIErrorBody(code: "c", message: "m"))
        try same(WorkerKey(runtimeId: "backend-internal", workerId: "w-1"))
        for update in [LiveUpdate.delta(key, turn: 1, text: "x"), .workerChanged(worker), .entry(key, item), .workerDeleted(key)] { try same(update) }
        // And the keys are the documented ones, not Swift's.
        let json = String(decoding: try ProjectionJSON.wireEncoder().encode(worker), as: UTF8.self)
        #expect(json.contains(#""last_result":{"#) && json.contains(#""can_read_transcript":true"#) && !json.contains("runtimeId"))
        #expect(json.contains(#""pending_approvals":1"#) && json.contains(#""always_allowed":["edit","bash"]"#))
        let page = String(decoding: try ProjectionJSON.wireEncoder(sortedKeys: true).encode(
            TranscriptPage(runtimeId: "r", workerId: "w", start: 0, limit: 2, totalItems: 2, nextStart: nil, items: [callItem, resultItem])), as: UTF8.self)
        #expect(page.contains(#""tool_call":{"arguments":"{}","call_id":"call_1","tool":"edit"}"#) && page.contains(#""tool_result":{"#))
    }

    @Test func anUnknownKindIsSkippedNotFatal() throws {
        #expect(try StreamMessage.decode(event: "future_kind", data: "{}") == nil)
    }

    @Test func rekeyingMovesEveryUpdateToTheLocalRuntimeName() {
        let moved = LiveUpdate.delta(key, turn: 1, text: "x").rekeyed(to: "remote:build-1")
        #expect(moved.key == WorkerKey(runtimeId: "remote:build-1", workerId: "w-1"))
    }
}
