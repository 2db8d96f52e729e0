import Foundation
import Runtime
import Synchronization

/// A tiny execution backend for the store tests: every profile resolves to
/// `scripted/echo`; a turn either replies at once (reported from inside
/// `startTurn`, so the reply is committed before `sendInput` returns) or is
/// held open forever (to leave a turn running at a simulated crash).
final class StoreTestBackend: ExecutionBackend {
    enum TurnMode: Sendable { case reply, hold }

    private struct State {
        var nextHandle = 1
        var sinks: [String: TurnSink] = [:]
        var histories: [WorkerRef: [[TranscriptEntry]]] = [:]
        var mode: TurnMode
    }

    private let state: Mutex<State>
    let backendId = "store-test"

    init(mode: TurnMode = .reply) {
        state = Mutex(State(mode: mode))
    }

    func setMode(_ mode: TurnMode) {
        state.withLock { $0.mode = mode }
    }

    /// The history each spawn of `ref` was seeded with, in spawn order.
    func spawnHistories(_ ref: WorkerRef) -> [[TranscriptEntry]] {
        state.withLock { $0.histories[ref] ?? [] }
    }

    func resolveProfile(named name: String) async -> ProfileResolution {
        .resolved(ResolvedProfile(name: name, model: "scripted/echo"))
    }

    func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
        let handle = state.withLock { s in
            defer { s.nextHandle += 1 }
            let handle = "h-\(s.nextHandle)"
            s.sinks[handle] = sink
            s.histories[ref, default: []].append(history)
            return handle
        }
        return .connected(ExecutionHandle(handle))
    }

    func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome {
        let (sink, mode) = state.withLock { ($0.sinks[handle.rawValue], $0.mode) }
        guard let sink else { return .rejected("unknown handle") }
        if mode == .reply {
            await sink.report(.started(turn))
            await sink.report(.blockCompleted(turn, "echo: \(input)"))
            await sink.report(.usage(turn, TokenUsage(input: 3, output: 2)))
            await sink.report(.finished(turn))
        }
        return .accepted
    }

    func stop(_ handle: ExecutionHandle) async -> OperationOutcome { .accepted }
    func cancel(_ handle: ExecutionHandle) async -> OperationOutcome { .accepted }
    func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome { .accepted }
}
