import Foundation
import Testing
@testable import Runtime

/// The `RuntimeStore` contract, run against both stores.
@Suite("RuntimeStore contract")
struct StoreContractTests {
    typealias F = StoreFixture

    @Test(arguments: StoreFlavor.allCases)
    func emptyStoreLoadsNothing(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        #expect(try store.load() == .empty)
        #expect(try store.lastEventId() == 0)
        #expect(try store.events(from: 1, limit: 10) == [])
        #expect(try store.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10) == [])
    }

    @Test(arguments: StoreFlavor.allCases)
    func commitRoundTripsThroughLoad(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        var stale = F.worker(2, backend: .stale, activeTurn: TurnId(rawValue: 7))
        stale.label = nil
        stale.lastActivityAt = F.t0.addingTimeInterval(0.125)
        stale.execution.lastResult = nil
        stale.model = nil
        try store.commit(StoreTransaction([
            .state(F.state(nextWorker: 3, nextEvent: 3, nextDiagnostic: 3, status: .stopped)),
            .bundle(F.bundle),
            .worker(F.worker(1, length: 1, lastEvent: 1)),
            .worker(stale),
            .event(F.event(1, worker: 1)),
            .event(F.event(2, kind: .runtimeStopped)),
            .transcript(WorkerId(sequence: 1), F.entry(1, usage: TokenUsage(input: 1, output: 2, cached: 0))),
            .diagnostic(F.diagnostic(1, worker: 2)),
            .diagnostic(F.diagnostic(2, code: DiagnosticCode.storeRecovered)),
        ], durability: .relaxed))

        let snapshot = try store.load()
        #expect(snapshot == StoreSnapshot(
            state: F.state(nextWorker: 3, nextEvent: 3, nextDiagnostic: 3, status: .stopped),
            workers: [F.worker(1, length: 1, lastEvent: 1), stale],
            bundles: [F.bundle],
            diagnostics: [F.diagnostic(1, worker: 2), F.diagnostic(2, code: DiagnosticCode.storeRecovered)]
        ))
        #expect(try store.events(from: 1, limit: 10) == [F.event(1, worker: 1), F.event(2, kind: .runtimeStopped)])
        #expect(try store.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 5)
            == [F.entry(1, usage: TokenUsage(input: 1, output: 2, cached: 0))])
        #expect(try store.lastEventId() == 2)
    }

    @Test(arguments: StoreFlavor.allCases)
    func laterCommitReplacesRowsAndRemovesDiagnostics(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        try store.commit(StoreTransaction([
            .state(F.state(nextWorker: 2)), .worker(F.worker(1)),
            .diagnostic(F.diagnostic(1, worker: 1)), .diagnostic(F.diagnostic(2)),
        ]))
        var updated = F.worker(1, length: 0, lastEvent: 5, backend: .unconnected)
        updated.status = .cancelled
        try store.commit(StoreTransaction([
            .state(F.state(nextWorker: 9, nextEvent: 6)), .worker(updated),
            .removeDiagnostics(code: DiagnosticCode.workerExecutionStale, worker: WorkerId(sequence: 1)),
        ]))
        let snapshot = try store.load()
        #expect(snapshot.state == F.state(nextWorker: 9, nextEvent: 6))
        #expect(snapshot.workers == [updated])
        #expect(snapshot.diagnostics == [F.diagnostic(2)])

        try store.commit(StoreTransaction([.removeDiagnostics(code: DiagnosticCode.workerExecutionStale, worker: nil)]))
        #expect(try store.load().diagnostics == [])
    }

    @Test(arguments: StoreFlavor.allCases)
    func transactionWithTranscriptGapLeavesNothing(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        try F.seed(store, entries: 2)
        let before = try store.load()
        #expect(throws: RuntimeError.storeUnavailable("transcript sequence 5 does not follow 3")) {
            try store.commit(StoreTransaction([
                .state(F.state(nextWorker: 5, nextEvent: 3)),
                .worker(F.worker(2)),
                .event(F.event(2, worker: 2)),
                .transcript(WorkerId(sequence: 1), F.entry(3)),
                .transcript(WorkerId(sequence: 1), F.entry(5)),
            ]))
        }
        #expect(try store.load() == before)
        #expect(try store.lastEventId() == 1)
        #expect(try store.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10).map(\.sequence) == [1, 2])
    }

    @Test(arguments: StoreFlavor.allCases)
    func transactionWithUnknownWorkerOrOldEventLeavesNothing(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        try F.seed(store, entries: 1)
        let before = try store.load()
        #expect(throws: RuntimeError.storeUnavailable("transcript entry for an unknown worker")) {
            try store.commit(StoreTransaction([.worker(F.worker(3)), .transcript(WorkerId(sequence: 9), F.entry(1))]))
        }
        #expect(throws: RuntimeError.storeUnavailable("event id 1 is not after 1")) {
            try store.commit(StoreTransaction([.diagnostic(F.diagnostic(4)), .event(F.event(1))]))
        }
        #expect(try store.load() == before)
        #expect(try store.events(from: 1, limit: 10) == [F.event(1, worker: 1)])
    }

    @Test(arguments: StoreFlavor.allCases)
    func transcriptPagesAreBoundedByStartAndLimit(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        try F.seed(store, entries: 25)
        let worker = WorkerId(sequence: 1)
        #expect(try store.transcript(worker: worker, start: 0, limit: 3) == [F.entry(1), F.entry(2), F.entry(3)])
        #expect(try store.transcript(worker: worker, start: 10, limit: 10).map(\.sequence) == Array(11...20))
        #expect(try store.transcript(worker: worker, start: 20, limit: 10).map(\.sequence) == Array(21...25))
        #expect(try store.transcript(worker: worker, start: 25, limit: 10) == [])
        #expect(try store.transcript(worker: worker, start: 3, limit: 0) == [])
        #expect(try store.transcript(worker: WorkerId(sequence: 2), start: 0, limit: 10) == [])
    }

    @Test(arguments: StoreFlavor.allCases)
    func eventsReadFromAnIdWithALimit(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        try store.commit(StoreTransaction([.event(F.event(1)), .event(F.event(2)), .event(F.event(4))]))
        try store.commit(StoreTransaction([.event(F.event(5)), .event(F.event(6))]))
        #expect(try store.events(from: 1, limit: 2) == [F.event(1), F.event(2)])
        #expect(try store.events(from: 3, limit: 2) == [F.event(4), F.event(5)])
        #expect(try store.events(from: 6, limit: 9) == [F.event(6)])
        #expect(try store.events(from: 7, limit: 9) == [])
        #expect(try store.events(from: 1, limit: 0) == [])
        #expect(try store.lastEventId() == 6)
    }
}
