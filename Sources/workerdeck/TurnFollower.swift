import Foundation
import Registry
import Remote

/// Follows one worker's next turn until it ends: streams its deltas to
/// stdout (plain output) or collects them (`--json`, printed whole at the
/// end). Subscribe before acting, so replies that arrive while the action
/// returns are not missed.
enum TurnFollower {
    /// Subscribed, and with every remote's push stream open: a turn started
    /// next is seen from its first delta.
    static func start(_ registry: RuntimeRegistry) async -> AsyncStream<LiveUpdate> {
        let updates = await registry.observeAll()
        for runtimeId in registry.runtimeIds {
            if let remote = try? registry.source(runtimeId) as? RemoteSource { await remote.waitUntilStreaming() }
        }
        return updates
    }

    enum Ending: Equatable {
        case completed
        case failed(String)
        case other(String)

        /// The runtime's name for the ending, as `--json` shows it.
        var name: String {
            switch self {
            case .completed: "completed"
            case .failed: "failed"
            case let .other(name): name
            }
        }
    }

    /// How a followed turn ended and what the model streamed (verbatim).
    struct Outcome: Equatable {
        var ending: Ending
        var reply: String
    }

    /// Waits for the end of `key`'s turn. With `streaming`, prints the
    /// deltas (sanitised) and retry notices as they arrive.
    static func follow(_ updates: AsyncStream<LiveUpdate>, key: WorkerKey, registry: RuntimeRegistry,
                       streaming: Bool) async -> Outcome {
        var reply = ""
        for await update in updates where update.key == key {
            switch update {
            case let .delta(_, _, text):
                if streaming { out(PlainText.sanitise(text)) }
                reply += text
            case let .retrying(_, _, message):
                // A JSON reader gets one object at the end; a notice on
                // stderr would read as the error shape's neighbour.
                if streaming { FileHandle.standardError.write(Data("workerdeck: \(PlainText.line(message))\n".utf8)) }
            case let .turnEnded(_, _, ending):
                if streaming && !reply.isEmpty { out("\n") }
                switch ending {
                case .completed: return Outcome(ending: .completed, reply: reply)
                case .failed:
                    let tail = try? await registry.transcriptTail(key, limit: 1)
                    let message = tail?.items.last.flatMap { $0.kind == .error ? $0.content : nil } ?? "the turn failed"
                    return Outcome(ending: .failed(message), reply: reply)
                case .interrupted, .stopped, .cancelled: return Outcome(ending: .other(ending.rawValue), reply: reply)
                }
            default:
                continue
            }
        }
        return Outcome(ending: .other("ended"), reply: reply)
    }

    /// Exit status for a followed turn.
    static func finish(_ ending: Ending) throws(CLIError) {
        switch ending {
        case .completed: return
        case let .failed(message): throw CLIError(code: "turn_failed", message: message, exitCode: 1)
        case let .other(ending): throw CLIError(code: "turn_\(ending)", message: "the turn ended: \(ending)", exitCode: 1)
        }
    }
}

/// `--json` for a followed turn: how it ended and the streamed reply.
struct TurnJSON: Encodable {
    var ending: String
    var reply: String

    init(_ outcome: TurnFollower.Outcome) {
        ending = outcome.ending.name
        reply = outcome.reply
    }
}
