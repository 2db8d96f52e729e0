import Runtime
import Synchronization

/// What a turn needs to run tools: the executor, the worker's directory and
/// the profile's settings. Nil for a tools-less worker.
struct TurnTools: Sendable {
    let executor: any ToolExecutor
    let workspace: ToolWorkspace
    let settings: ToolSettings
    /// What the model is offered, in the profile's order.
    let specs: [ToolSpec]
}

/// The backend's gate between a turn's task and the runtime. Each call
/// does nothing once the turn is no longer current.
struct TurnGate: Sendable {
    /// Adds items to the execution's conversation (what the runtime commits).
    let record: @Sendable ([ConversationItem]) async -> Void
    let report: @Sendable (TurnReport) async -> Void
    /// Streamed text deltas: posted without waiting (from the client's
    /// thread) where the sink takes posted reports, in order with the
    /// reports after them; else awaited like any report.
    let delta: DeltaPath
    /// `TurnSink.decide`, or `.ended` when the turn is no longer current.
    let decide: @Sendable (ToolCallRequest, ApprovalMode, ApprovalPreview?) async -> ToolDecision
}

/// How a turn's streamed text reaches the runtime.
enum DeltaPath: Sendable {
    /// With whether anyone watches the text now (`TurnSink.isWatched`).
    case posted(@Sendable (TurnReport) -> Void, isWatched: @Sendable () -> Bool)
    case awaited(@Sendable (TurnReport) async -> Void)
}

/// A round's streamed text, appended from the client's thread when posted.
final class ReplyText: Sendable {
    private let text = Mutex("")
    func append(_ piece: String) { text.withLock { $0 += piece } }
    var value: String { text.withLock { $0 } }
}

/// Runs one turn through a client and reports it, in order:
/// `started` → rounds → `finished`, where a round is
/// (`retrying` | `textDelta`)* → `usage`? → `blockCompleted` if the model
/// wrote text → for each tool call, `TurnSink.decide` then `toolResult`;
/// the model is asked again until it answers without tools (its last
/// block, or an empty-reply notice, ends the turn) or `max_tool_rounds`
/// rounds ran (a notice says so). A failure reports `failed` with the
/// scrubbed message and no `blockCompleted` for that round (partial text
/// was only live) and runs none of its calls. A cancelled turn reports
/// nothing more. A tools-less worker's calls are notices, never run.
///
/// Every item the runtime commits (completed blocks, calls, results) is
/// recorded through the gate before it is reported, so the execution's
/// conversation always matches the transcript.
struct TurnRunner: Sendable {
    let client: any ChatClient
    /// Model and sampling settings; `messages` are replaced each round.
    let request: ChatRequest
    /// As of the turn's start, its user input included.
    let conversation: Conversation
    let tools: TurnTools?
    let turn: TurnId
    let gate: TurnGate

    static let emptyReplyNotice = "the model returned an empty reply"

    static func toolNotice(_ name: String) -> String {
        "model requested tool \(Scrubber.scrub(name)); tools are not available to this worker"
    }

    static func unavailableTool(_ name: String) -> String {
        "tool \(Scrubber.scrub(name)) is not available to this worker"
    }

    static func roundsNotice(_ count: Int) -> String {
        "stopped after \(count) tool round\(count == 1 ? "" : "s") (max_tool_rounds)"
    }

    func run() async {
        await gate.report(.started(turn))
        var conversation = self.conversation
        var rounds = 0
        while true {
            guard let (reply, calls) = await stream(conversation) else { return }
            guard let tools, !calls.isEmpty else {
                await finish(reply: reply, unrunCalls: calls)
                return
            }
            if !reply.isEmpty {
                conversation.append(.assistant(reply))
                await gate.record([.assistant(reply)])
                await gate.report(.blockCompleted(turn, reply))
            }
            var used = conversation.callIds
            for var call in calls {
                call.callId = Self.unique(call.callId, among: used, turn: turn)
                used.insert(call.callId)
                conversation.append(.toolCall(call))
                await gate.record([.toolCall(call)])
                guard let result = await run(call, with: tools) else { return }
                if Task.isCancelled { return }
                conversation.append(.toolResult(result))
                await gate.record([.toolResult(result)])
                await gate.report(.toolResult(turn, result))
            }
            rounds += 1
            if rounds >= tools.settings.maxToolRounds {
                await gate.report(.notice(turn, Self.roundsNotice(rounds)))
                await gate.report(.finished(turn))
                return
            }
        }
    }

    /// One request: its text and calls, or nil when the turn failed (reported) or was cancelled.
    private func stream(_ conversation: Conversation) async -> (reply: String, calls: [ToolCallRequest])? {
        var request = self.request
        request.messages = conversation.messages
        request.tools = tools?.specs ?? []
        let reply = ReplyText()
        var calls: [ToolCallRequest] = []
        let usage: TokenUsage?
        var post: TextPost?
        if case let .posted(deliver, isWatched) = gate.delta {
            post = TextPost(send: { [turn] text in
                reply.append(text)
                deliver(.textDelta(turn, text))
            }, isWatched: isWatched)
        }
        do throws(ProviderError) {
            usage = try await client.stream(request, post: post) { event in
                switch event {
                case let .text(text):
                    reply.append(text)
                    if case let .awaited(deliver) = gate.delta { await deliver(.textDelta(turn, text)) }
                case let .toolCall(call):
                    calls.append(call)
                case let .retrying(message):
                    await gate.report(.retrying(turn, message))
                }
            }
        } catch {
            if error.code == .cancelled || Task.isCancelled { return nil }
            await gate.report(.failed(turn, error.message))
            return nil
        }
        if Task.isCancelled { return nil }
        if let usage { await gate.report(.usage(turn, usage)) }
        return (reply.value, calls)
    }

    /// The last round: calls here are a tools-less worker's, recorded as notices.
    private func finish(reply: String, unrunCalls: [ToolCallRequest]) async {
        for call in unrunCalls { await gate.report(.notice(turn, Self.toolNotice(call.tool))) }
        if reply.isEmpty {
            await gate.report(.notice(turn, Self.emptyReplyNotice))
        } else {
            await gate.record([.assistant(reply)])
            await gate.report(.blockCompleted(turn, reply))
        }
        await gate.report(.finished(turn))
    }

    /// The call's result, or nil when the turn ended while it was decided.
    /// A tool the profile does not list is never asked about nor run; it is
    /// still decided with `deny` so the runtime commits the call before its
    /// result.
    private func run(_ call: ToolCallRequest, with tools: TurnTools) async -> ToolResult? {
        if Task.isCancelled { return nil }
        guard let name = call.toolName, tools.settings.tools.contains(name) else {
            if case .ended = await gate.decide(call, .deny, nil) { return nil }
            return ToolResult(callId: call.callId, status: .error, output: Self.unavailableTool(call.tool))
        }
        let policy = tools.settings.policy(for: name)
        // What the operator reviews before answering (an edit's diff, bash's command).
        let preview = policy == .ask ? await tools.executor.preview(call, in: tools.workspace) : nil
        if Task.isCancelled { return nil }
        switch await gate.decide(call, policy, preview) {
        case .run:
            return await tools.executor.run(call, in: tools.workspace)
        case let .denied(reason):
            return ToolResult(callId: call.callId, status: .denied, output: reason)
        case .ended:
            return nil
        }
    }

    /// The provider's id, unless an earlier call of this conversation has it
    /// (minted `call_N` ids repeat across requests).
    static func unique(_ id: String, among used: Set<String>, turn: TurnId) -> String {
        guard used.contains(id) else { return id }
        var attempt = 1
        while used.contains("\(id)-t\(turn.rawValue)-\(attempt)") { attempt += 1 }
        return "\(id)-t\(turn.rawValue)-\(attempt)"
    }
}
