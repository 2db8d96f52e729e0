/// A worker's life as one value with only valid states, and the pure
/// transitions between them. The runtime actor asks the machine before each
/// operation (so the guards live here, once) and writes the state it returns
/// back to the record's persisted axes (`status`, `execution.backend`,
/// `execution.runState`), so those never combine into an impossible state.
///
/// A transition returns the next state and what the runtime must do, in
/// order; a refusal is the typed error the operation throws.
public enum WorkerLifecycle: Hashable, Sendable {
    /// Running, with no live execution yet (or a lost one).
    case unconnected
    /// Running; its execution did not survive a restart.
    case stale
    /// Running, connected, no turn.
    case idle
    /// Running, connected, a turn in progress.
    case busy
    /// Running; the execution was dropped after a failure (a turn end the
    /// store refused). `reconnect` brings it back from the store.
    case errored
    case stopped
    case cancelled

    /// What can happen to a worker.
    public enum Event: Hashable, Sendable, CaseIterable {
        case sendInput
        case turnEnded
        case interrupt
        case stop
        case cancel
        case reconnect
        /// A turn's end could not be saved.
        case turnNotSaved
        /// The process restarted: no execution survived.
        case restarted
    }

    /// What the runtime does for a transition, in order.
    public enum Action: Hashable, Sendable {
        /// Ask the live execution (start the turn, interrupt, stop, cancel).
        case askExecution
        /// Spawn a fresh execution seeded from the persisted transcript.
        case spawnExecution
        /// Commit the end of the running turn (its entries and event).
        case commitTurnEnd
        /// Forget the live execution handle.
        case dropExecution
    }

    public enum Step: Hashable, Sendable {
        case move(to: WorkerLifecycle, actions: [Action])
        /// Nothing to do: the operation is already done (stop twice).
        case stay
        case refuse(Refusal)
    }

    /// Why an operation cannot run in a state (mapped to a `RuntimeError`).
    public enum Refusal: Hashable, Sendable {
        case notRunning
        case busy
        case noExecution
        case nothingToInterrupt
        case alreadyConnected
        case noTurn
    }

    public var isTerminal: Bool { self == .stopped || self == .cancelled }

    /// The one transition function.
    public func next(on event: Event) -> Step {
        switch (self, event) {
        // Terminal states take nothing; stop and cancel are idempotent.
        case (.stopped, .stop), (.cancelled, .stop), (.cancelled, .cancel), (.stopped, .restarted), (.cancelled, .restarted):
            return .stay
        case (.stopped, .cancel):
            return .stay
        case (.stopped, _), (.cancelled, _):
            return .refuse(.notRunning)

        case (.idle, .sendInput): return .move(to: .busy, actions: [.askExecution])
        case (.busy, .sendInput): return .refuse(.busy)
        case (.unconnected, .sendInput), (.stale, .sendInput), (.errored, .sendInput): return .refuse(.noExecution)

        case (.busy, .turnEnded): return .move(to: .idle, actions: [.commitTurnEnd])
        case (_, .turnEnded): return .refuse(.noTurn)

        case (.busy, .interrupt): return .move(to: .idle, actions: [.askExecution, .commitTurnEnd])
        case (.idle, .interrupt): return .refuse(.nothingToInterrupt)
        case (.unconnected, .interrupt), (.stale, .interrupt), (.errored, .interrupt): return .refuse(.nothingToInterrupt)

        case (.busy, .stop): return .move(to: .stopped, actions: [.askExecution, .commitTurnEnd, .dropExecution])
        case (.idle, .stop): return .move(to: .stopped, actions: [.askExecution, .dropExecution])
        case (.unconnected, .stop), (.stale, .stop), (.errored, .stop): return .move(to: .stopped, actions: [])
        case (.busy, .cancel): return .move(to: .cancelled, actions: [.askExecution, .commitTurnEnd, .dropExecution])
        case (.idle, .cancel): return .move(to: .cancelled, actions: [.askExecution, .dropExecution])
        case (.unconnected, .cancel), (.stale, .cancel), (.errored, .cancel): return .move(to: .cancelled, actions: [])

        case (.unconnected, .reconnect), (.stale, .reconnect), (.errored, .reconnect):
            return .move(to: .idle, actions: [.spawnExecution])
        case (.idle, .reconnect), (.busy, .reconnect): return .refuse(.alreadyConnected)

        case (.busy, .turnNotSaved): return .move(to: .errored, actions: [.dropExecution])
        case (_, .turnNotSaved): return .refuse(.noTurn)

        case (.idle, .restarted), (.busy, .restarted): return .move(to: .stale, actions: [])
        case (.unconnected, .restarted), (.stale, .restarted), (.errored, .restarted): return .stay
        }
    }
}

extension WorkerRecord {
    /// The record's life as one value. The persisted axes map onto it;
    /// combinations no transition writes read as the nearest valid state.
    public var lifecycle: WorkerLifecycle {
        switch status {
        case .stopped: return .stopped
        case .cancelled: return .cancelled
        case .running:
            switch (execution.backend, execution.runState) {
            case (.stale, _): return .stale
            case (.unconnected, .errored), (.connected, .errored): return .errored
            case (.unconnected, _): return .unconnected
            case (.connected, .busy), (.connected, .awaitingApproval): return .busy
            case (.connected, .idle): return .idle
            case (.connected, .stopped), (.connected, .unconnected): return .unconnected
            }
        }
    }

    /// Writes `state` to the persisted axes (the only way they change).
    public mutating func setLifecycle(_ state: WorkerLifecycle) {
        switch state {
        case .unconnected: status = .running; execution.backend = .unconnected; execution.runState = .unconnected
        case .stale: status = .running; execution.backend = .stale; execution.runState = .unconnected
        case .idle: status = .running; execution.backend = .connected; execution.runState = .idle
        case .busy: status = .running; execution.backend = .connected; execution.runState = .busy
        case .errored: status = .running; execution.backend = .unconnected; execution.runState = .errored
        case .stopped, .cancelled:
            status = state == .stopped ? .stopped : .cancelled
            execution.runState = .stopped
            if execution.backend == .connected { execution.backend = .unconnected }
        }
    }
}

extension WorkerRecord {
    /// The state `event` leads to, or the typed error it is refused with.
    func transition(_ event: WorkerLifecycle.Event) throws(RuntimeError) -> WorkerLifecycle {
        switch lifecycle.next(on: event) {
        case let .move(next, _): return next
        case .stay: return lifecycle
        case let .refuse(refusal): throw refusal.error(ref, self)
        }
    }
}

extension WorkerLifecycle.Refusal {
    /// The typed error an operation throws for this refusal.
    func error(_ ref: WorkerRef, _ record: WorkerRecord) -> RuntimeError {
        switch self {
        case .notRunning: .workerNotRunning(ref, record.status)
        case .busy: .busy(ref)
        case .noExecution: .executionUnavailable(ref)
        case .nothingToInterrupt: .nothingToInterrupt(ref)
        case .alreadyConnected: .alreadyConnected(ref)
        case .noTurn: .invalidRequest("\(ref.workerId) is not running a turn")
        }
    }
}
