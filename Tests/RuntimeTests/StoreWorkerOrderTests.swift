import Foundation
import Testing
@testable import Runtime

/// `FileStore.load` returns workers in SQL byte order of their ids and relies
/// on that being `WorkerId` order; these pin both halves.
@Suite("Store worker order")
struct StoreWorkerOrderTests {
    static let ids = [
        "worker-00000001", "worker-0000000a", "worker-00000010", "worker-ffffffff", "worker-000000ff",
        "local:abc", "Worker-00000002", "worker-0000000A", "worker-1", "worker-000000001", "a.b", "zeta",
    ].map { WorkerId(rawValue: $0)! }

    @Test func mintedSequencesParseOnlyFromFixedWidthLowercaseHex() {
        #expect(WorkerId(sequence: 1).sequence == 1)
        #expect(WorkerId(sequence: 0xffff_ffff).rawValue == "worker-ffffffff")
        #expect(WorkerId(rawValue: "worker-ffffffff")!.sequence == 0xffff_ffff)
        #expect(WorkerId(rawValue: "worker-0000001a")!.sequence == 26)
        for text in ["worker-0000000A", "worker-1", "worker-000000001", "Worker-00000002", "worker-0000000g", "local:abc"] {
            #expect(WorkerId(rawValue: text)!.sequence == nil, "\(text)")
        }
    }

    @Test func workerIdOrderIsByteOrder() {
        let byWorkerId = Self.ids.sorted()
        let byBytes = Self.ids.sorted { Array($0.rawValue.utf8).lexicographicallyPrecedes(Array($1.rawValue.utf8)) }
        #expect(byWorkerId == byBytes)
    }

    @Test(arguments: StoreFlavor.allCases)
    func loadListsWorkersInWorkerIdOrder(_ flavor: StoreFlavor) throws {
        let (store, dir) = try flavor.make()
        defer { _ = dir }
        let records = Self.ids.shuffled().map { id in
            var record = StoreFixture.worker(1)
            record = WorkerRecord(
                ref: WorkerRef(runtimeId: .embedded, workerId: id), label: nil, status: record.status,
                execution: record.execution, profile: record.profile, model: record.model,
                configBundle: record.configBundle, transcriptLength: 0, lastEventId: 0,
                createdAt: record.createdAt, updatedAt: record.updatedAt, lastActivityAt: nil,
                usage: record.usage, activeTurn: nil
            )
            return StoreChange.worker(record)
        }
        try store.commit(StoreTransaction(records))
        #expect(try store.load().workers.map(\.ref.workerId) == Self.ids.sorted())
    }
}
