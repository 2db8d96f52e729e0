import Foundation
import Runtime
import Synchronization

/// A backend for runtime tests: each behaviour is chosen by the test, every
/// call is recorded, and replies are exactly the text the test supplies.
public final class TestBackend: ExecutionBackend {
    public init() {}

    public enum SpawnBehaviour: Sendable { case connect, reject(String), error(String) }
    public enum TurnBehaviour: Sendable {
        /// Reports a whole reply from inside `startTurn`, before it returns.
        case replySynchronously(String)
        /// Accepts and reports nothing; the test drives the turn.
        case hold
        case busy
        case reject(String)
    }

    public struct Recorded: Sendable {
        public init() {}
        public var spawns: [(ref: WorkerRef, history: [TranscriptEntry])] = []
        public var inputs: [(handle: ExecutionHandle, turn: TurnId, text: String)] = []
        public var interrupts: [ExecutionHandle] = []
        public var stops: [ExecutionHandle] = []
        public var cancels: [ExecutionHandle] = []
        public var sinks: [ExecutionHandle: TurnSink] = [:]
        public var spawnCount = 0
        /// `removeWorkdir` calls (deleted workers), in order.
        public var removals: [(ref: WorkerRef, profile: String)] = []
    }

    public struct Behaviour: Sendable {
        public init() {}
        public var spawn: SpawnBehaviour = .connect
        public var turn: TurnBehaviour = .hold
        public var stop: OperationOutcome = .accepted
        public var cancel: OperationOutcome = .accepted
        public var interrupt: OperationOutcome = .accepted
        /// Set: `removeWorkdir` fails with it.
        public var removal: ToolSetupError?
        public var profiles: [String: ProfileResolution] = [
            "default": .resolved(ResolvedProfile(name: "default", model: "test/model")),
            "scripted": .resolved(ResolvedProfile(name: "scripted", model: "scripted/echo")),
        ]
    }

    public let backendId = "test-backend"
    public let behaviour = Mutex(Behaviour())
    public let recorded = Mutex(Recorded())

    public func set(_ change: (inout Behaviour) -> Void) {
        behaviour.withLock { change(&$0) }
    }

    public func resolveProfile(named name: String) async -> ProfileResolution {
        behaviour.withLock { $0.profiles[name] ?? .unknown }
    }

    public func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
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

    public func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome {
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

    public func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.interrupts.append(handle) }
        return behaviour.withLock { $0.interrupt }
    }

    public func stop(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.stops.append(handle) }
        return behaviour.withLock { $0.stop }
    }

    public func cancel(_ handle: ExecutionHandle) async -> OperationOutcome {
        recorded.withLock { $0.cancels.append(handle) }
        return behaviour.withLock { $0.cancel }
    }

    public func removeWorkdir(_ ref: WorkerRef, profile: String) async throws(ToolSetupError) {
        recorded.withLock { $0.removals.append((ref, profile)) }
        if let failure = behaviour.withLock({ $0.removal }) { throw failure }
    }

    // MARK: Driving turns from tests

    public func sink(_ handle: ExecutionHandle) -> TurnSink {
        recorded.withLock { $0.sinks[handle]! }
    }

    public var lastInput: (handle: ExecutionHandle, turn: TurnId, text: String)? {
        recorded.withLock { $0.inputs.last }
    }

    /// A whole successful turn: started, two deltas, usage, the block, finished.
    public func reply(_ handle: ExecutionHandle, turn: TurnId, text: String) async {
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
    public func replyToLast(_ text: String) async {
        let last = lastInput!
        await reply(last.handle, turn: last.turn, text: text)
    }
}
