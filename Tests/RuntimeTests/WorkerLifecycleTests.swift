import Foundation
import Testing
@testable import Runtime

/// The worker lifecycle machine: every state × event, written out, so a
/// change to any transition shows up here (style.md: lifecycle as a pure
/// state machine with exhaustive transition tests).
@Suite struct WorkerLifecycleTests {
    typealias S = WorkerLifecycle
    typealias E = WorkerLifecycle.Event

    /// The whole table. `nil` in `to` means refused (with the refusal) or stay.
    static let table: [(S, E, WorkerLifecycle.Step)] = [
        (.unconnected, .sendInput, .refuse(.noExecution)),
        (.unconnected, .turnEnded, .refuse(.noTurn)),
        (.unconnected, .interrupt, .refuse(.nothingToInterrupt)),
        (.unconnected, .stop, .move(to: .stopped, actions: [])),
        (.unconnected, .cancel, .move(to: .cancelled, actions: [])),
        (.unconnected, .reconnect, .move(to: .idle, actions: [.spawnExecution])),
        (.unconnected, .turnNotSaved, .refuse(.noTurn)),
        (.unconnected, .restarted, .stay),

        (.stale, .sendInput, .refuse(.noExecution)),
        (.stale, .turnEnded, .refuse(.noTurn)),
        (.stale, .interrupt, .refuse(.nothingToInterrupt)),
        (.stale, .stop, .move(to: .stopped, actions: [])),
        (.stale, .cancel, .move(to: .cancelled, actions: [])),
        (.stale, .reconnect, .move(to: .idle, actions: [.spawnExecution])),
        (.stale, .turnNotSaved, .refuse(.noTurn)),
        (.stale, .restarted, .stay),

        (.idle, .sendInput, .move(to: .busy, actions: [.askExecution])),
        (.idle, .turnEnded, .refuse(.noTurn)),
        (.idle, .interrupt, .refuse(.nothingToInterrupt)),
        (.idle, .stop, .move(to: .stopped, actions: [.askExecution, .dropExecution])),
        (.idle, .cancel, .move(to: .cancelled, actions: [.askExecution, .dropExecution])),
        (.idle, .reconnect, .refuse(.alreadyConnected)),
        (.idle, .turnNotSaved, .refuse(.noTurn)),
        (.idle, .restarted, .move(to: .stale, actions: [])),

        (.busy, .sendInput, .refuse(.busy)),
        (.busy, .turnEnded, .move(to: .idle, actions: [.commitTurnEnd])),
        (.busy, .interrupt, .move(to: .idle, actions: [.askExecution, .commitTurnEnd])),
        (.busy, .stop, .move(to: .stopped, actions: [.askExecution, .commitTurnEnd, .dropExecution])),
        (.busy, .cancel, .move(to: .cancelled, actions: [.askExecution, .commitTurnEnd, .dropExecution])),
        (.busy, .reconnect, .refuse(.alreadyConnected)),
        (.busy, .turnNotSaved, .move(to: .errored, actions: [.dropExecution])),
        (.busy, .restarted, .move(to: .stale, actions: [])),

        (.errored, .sendInput, .refuse(.noExecution)),
        (.errored, .turnEnded, .refuse(.noTurn)),
        (.errored, .interrupt, .refuse(.nothingToInterrupt)),
        (.errored, .stop, .move(to: .stopped, actions: [])),
        (.errored, .cancel, .move(to: .cancelled, actions: [])),
        (.errored, .reconnect, .move(to: .idle, actions: [.spawnExecution])),
        (.errored, .turnNotSaved, .refuse(.noTurn)),
        (.errored, .restarted, .stay),

        (.stopped, .sendInput, .refuse(.notRunning)),
        (.stopped, .turnEnded, .refuse(.notRunning)),
        (.stopped, .interrupt, .refuse(.notRunning)),
        (.stopped, .stop, .stay),
        (.stopped, .cancel, .stay),
        (.stopped, .reconnect, .refuse(.notRunning)),
        (.stopped, .turnNotSaved, .refuse(.notRunning)),
        (.stopped, .restarted, .stay),

        (.cancelled, .sendInput, .refuse(.notRunning)),
        (.cancelled, .turnEnded, .refuse(.notRunning)),
        (.cancelled, .interrupt, .refuse(.notRunning)),
        (.cancelled, .stop, .stay),
        (.cancelled, .cancel, .stay),
        (.cancelled, .reconnect, .refuse(.notRunning)),
        (.cancelled, .turnNotSaved, .refuse(.notRunning)),
        (.cancelled, .restarted, .stay),
    ]

    static let allStates: [S] = [.unconnected, .stale, .idle, .busy, .errored, .stopped, .cancelled]

    @Test func everyStateAndEventIsInTheTableOnce() {
        for state in Self.allStates {
            for event in E.allCases {
                #expect(Self.table.filter { $0.0 == state && $0.1 == event }.count == 1, "\(state) × \(event)")
            }
        }
    }

    @Test(arguments: table.indices)
    func transition(_ index: Int) {
        let (state, event, expected) = Self.table[index]
        #expect(state.next(on: event) == expected, "\(state) × \(event)")
    }

    /// Terminal states stay terminal; nothing leaves them.
    @Test func nothingLeavesATerminalState() {
        for state in Self.allStates where state.isTerminal {
            for event in E.allCases {
                if case let .move(to, _) = state.next(on: event) { Issue.record("\(state) × \(event) moves to \(to)") }
            }
        }
    }

    /// Every state survives the round trip through the persisted axes, and
    /// every combination of axes (old stores, hand-edited rows) reads as a
    /// valid state that writes back consistently.
    @Test func persistedAxesRoundTrip() {
        var record = WorkerRecord(
            ref: WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 1)), label: nil, status: .running,
            execution: .unconnected, profile: "default", model: nil,
            configBundle: ConfigBundleRef(id: "b", digest: "d"), transcriptLength: 0, lastEventId: 0,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), lastActivityAt: nil,
            usage: .zero, activeTurn: nil)
        for state in Self.allStates {
            record.setLifecycle(state)
            #expect(record.lifecycle == state)
        }
        for status in CatalogStatus.allCases {
            for backend in BackendState.allCases {
                for run in RunState.allCases {
                    record.status = status
                    record.execution.backend = backend
                    record.execution.runState = run
                    let read = record.lifecycle
                    record.setLifecycle(read)
                    #expect(record.lifecycle == read, "\(status)/\(backend)/\(run)")
                }
            }
        }
    }
}
