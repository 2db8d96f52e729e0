import Foundation
import Registry

/// Streams one worker's next turn to stdout until it ends. Subscribe before
/// acting, so replies that arrive while the action returns are not missed.
struct TurnFollower {
    private let updates: AsyncStream<LiveUpdate>
    private let key: () -> WorkerKey?

    private init(updates: AsyncStream<LiveUpdate>, key: @escaping () -> WorkerKey?) {
        self.updates = updates
        self.key = key
    }

    static func start(_ registry: RuntimeRegistry) async -> AsyncStream<LiveUpdate> {
        await registry.observeAll()
    }

    enum Ending: Equatable {
        case completed
        case failed(String)
        case other(String)
    }

    /// Prints deltas of `key`'s turn as they arrive; returns how it ended.
    static func follow(_ updates: AsyncStream<LiveUpdate>, key: WorkerKey, registry: RuntimeRegistry) async -> Ending {
        var printedAny = false
        for await update in updates where update.key == key {
            switch update {
            case let .delta(_, _, text):
                out(PlainText.sanitise(text))
                printedAny = true
            case let .retrying(_, _, message):
                FileHandle.standardError.write(Data("workerdeck: \(PlainText.line(message))\n".utf8))
            case let .turnEnded(_, _, ending):
                if printedAny { out("\n") }
                switch ending {
                case .completed: return .completed
                case .failed:
                    let tail = try? await registry.transcriptTail(key, limit: 1)
                    let message = tail?.items.last.flatMap { $0.kind == .error ? $0.content : nil } ?? "the turn failed"
                    return .failed(message)
                case .interrupted, .stopped, .cancelled: return .other(ending.rawValue)
                }
            default:
                continue
            }
        }
        return .other("ended")
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
