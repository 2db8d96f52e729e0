import Runtime

/// Runs one turn through a client and reports it, in order:
/// `started` → (`retrying` | `textDelta` | `notice`)* → `usage`? →
/// `blockCompleted` (or an empty-reply notice) → `finished`; or, on a
/// failure, `failed` with the scrubbed message and no `blockCompleted`
/// (partial text was only live). A cancelled turn reports nothing more.
///
/// `deliver` is the backend's gate: it drops reports of a turn that is no
/// longer current, and it receives the reply with `finished` so the
/// conversation can take it before the runtime hears the turn ended.
struct TurnRunner: Sendable {
    let client: any ChatClient
    let request: ChatRequest
    let turn: TurnId
    let deliver: @Sendable (TurnReport, _ reply: String?) async -> Void

    static let emptyReplyNotice = "the model returned an empty reply"

    static func toolNotice(_ name: String) -> String {
        "model requested tool \(Scrubber.scrub(name)); tools are not available to this worker"
    }

    func run() async {
        await deliver(.started(turn), nil)
        var reply = ""
        let usage: TokenUsage?
        do throws(ProviderError) {
            usage = try await client.stream(request) { event in
                switch event {
                case let .text(text):
                    reply += text
                    await deliver(.textDelta(turn, text), nil)
                case let .toolCall(name):
                    await deliver(.notice(turn, Self.toolNotice(name)), nil)
                case let .retrying(message):
                    await deliver(.retrying(turn, message), nil)
                }
            }
        } catch {
            if error.code == .cancelled || Task.isCancelled { return }
            await deliver(.failed(turn, error.message), nil)
            return
        }
        if Task.isCancelled { return }
        if let usage { await deliver(.usage(turn, usage), nil) }
        if reply.isEmpty {
            await deliver(.notice(turn, Self.emptyReplyNotice), nil)
        } else {
            await deliver(.blockCompleted(turn, reply), nil)
        }
        await deliver(.finished(turn), reply.isEmpty ? nil : reply)
    }
}
