import Foundation
import Runtime
import Synchronization

/// A backend for runtime tests: each behaviour is chosen by the test, every
/// call is recorded, and replies are exactly the text the test supplies.
final class TestBackend: ExecutionBackend {
    enum SpawnBehaviour: Sendable { case connect, reject(String), error(String) }
    enum TurnBehaviour: Sendable {
        /// Reports a whole reply from inside `startTurn`, before it returns.
        case replySynchronously(String)
        /// Accepts and reports nothing; the test drives the turn.
        case hold
        case busy
        case reject(String)
    }

    struct Recorded: Sendable {
        var spawns: [(ref: WorkerRef, history: [TranscriptEntry])] = []
        var inputs: [(handle: ExecutionHandle, turn: TurnId, text: String)] = []
        var interrupts: [ExecutionHandle] = []
        var stops: [ExecutionHandle] = []
        var cancels: [ExecutionHandle] = []
        var sinks: [ExecutionHandle: TurnSink] = [:]
        var spawnCount = 0
    }

    struct Behaviour: Sendable {
        var spawn: SpawnBehaviour = .connect
        var turn: TurnBehaviour = .hold
        var stop: OperationOutcome = .accepted
        var cancel: OperationOutcome = .accepted
        var interrupt: OperationOutcome = .accepted
        var profiles: [String: ProfileResolution] = [
            "default": .resolved(ResolvedProfile(name: "default", model: "test/model")),
            "scripted": .resolved(ResolvedProfile(name: "scripted", model: "scripted/echo")),
        ]
    }

    let backendId = "test-backend"
    let behaviour = Mutex(Behaviour())
    let recorded = Mutex(Recorded())

    func set(_ change: (inout Behaviour) -> Void) {
        behaviour.withLock { change(&$0) }
    }

    func resolveProfile(named name: String) async -> ProfileResolution {
        behaviour.withLock { $0.profiles[name] ?? .unknown }
    }

    func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
        let mode = behaviour.withLock { $0.spawn }
        return recorded.withLock { r in
            r.spawns.append((ref, history))
            switch mode {
            case .connect:
                r.spawnCount += 1
                let handle = ExecutionHandle("exec-\(r.spawnCount)")
                r.sinks[handle] = sink
                return .connected(handle)
            case let .reject(message): return .rejected(message)
            case let .error(message): return .errored(message)
            }
        }
    }

    func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome {
        let mode = behaviour.withLock { $0.turn }
        recorded.withLock { $0.inputs.append((handle, turn, input)) }
        switch mode {
        case let .replySynchronously(text):
            await reply(handle, turn: turn, text: text)
            return .accepted
        case .hold: return .accepted
        case .busy: return .busy
        case let .reject(message): return .rejected(message)
        }
    }

    func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.interrupts.append(handle) }
        return behaviour.withLock { $0.interrupt }
    }

    func stop(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.stops.append(handle) }
        return behaviour.withLock { $0.stop }
    }

    func cancel(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.cancels.append(handle) }
        return behaviour.withLock { $0.cancel }
    }

    // MARK: Driving turns from tests

    func sink(_ handle: ExecutionHandle) -> TurnSink {
        recorded.withLock { $0.sinks[handle]! }
    }

    var lastInput: (handle: ExecutionHandle, turn: TurnId, text: String)? {
        recorded.withLock { $0.inputs.last }
    }

    /// A whole successful turn: started, two deltas, usage, the block, finished.
    func reply(_ handle: ExecutionHandle, turn: TurnId, text: String) async {
        let sink = sink(handle)
        await sink.report(.started(turn))
        let middle = text.index(text.startIndex, offsetBy: text.count / 2)
        await sink.report(.textDelta(turn, String(text[..<middle])))
        await sink.report(.textDelta(turn, String(text[middle...])))
        await sink.report(.usage(turn, TokenUsage(input: 10, output: 5)))
        await sink.report(.blockCompleted(turn, text))
        await sink.report(.finished(turn))
    }

    /// Replies to the most recent input.
    func replyToLast(_ text: String) async {
        let last = lastInput!
        await reply(last.handle, turn: last.turn, text: text)
    }
}
