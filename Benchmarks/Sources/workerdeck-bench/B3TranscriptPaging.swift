import Foundation
import Runtime

/// B3: open a worker whose transcript has 1,000,000 entries and draw its last
/// page; then page up 100 times. Timed in-process on a warm page cache; the
/// "draw" is the page read (rendering is B1's business).
enum B3TranscriptPaging {
    static let pageSize = 60

    static func run() async throws -> [BenchRow] {
        let root = try BenchData.singleWorker()
        var store: FileStore!
        var runtime: WorkerRuntime!
        let storeMs = try Measure.ms { store = try FileStore.open(root: root, mode: .owner) }
        let restoreMs = try Measure.ms { runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: nil) }
        let openMs = storeMs + restoreMs
        defer { store.close() }
        let ref = WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 1))
        var page: TranscriptSlice!
        let firstMs = try await Measure.ms { page = try await runtime.transcriptTail(ref, limit: pageSize) }
        precondition(page.totalItems == 1_000_000 && page.items.count == pageSize)
        var pageMs: [Double] = [], pageCpuMs: [Double] = []
        var start = page.start
        for _ in 1...100 {
            start -= pageSize
            var elapsed = 0.0
            let cpu = try await Measure.cpuMs {
                elapsed = try await Measure.ms { page = try await runtime.transcript(ref, start: start, limit: pageSize) }
            }
            pageCpuMs.append(cpu)
            precondition(page.items.first?.sequence == start + 1)
            pageMs.append(elapsed)
        }
        if ProcessInfo.processInfo.environment["BENCH_DEBUG"] != nil {
            FileHandle.standardError.write(Data("B3 pages: \(pageMs.map { fmt($0, 2) }.joined(separator: " "))\n".utf8))
        }
        let p50 = Measure.median(pageMs), p99 = Measure.percentile(pageMs, 99), worst = pageMs.max()!
        return [
            BenchRow(id: "B3", what: "FileStore.open (1 worker, 1,000,000 entries)", measured: "\(fmt(storeMs)) ms",
                     target: "—", verdict: "info"),
            BenchRow(id: "B3", what: "WorkerRuntime restore (commits `runtime_started`, one fsync)",
                     measured: "\(fmt(restoreMs)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B3", what: "first frame: last page (\(pageSize) entries) of 1,000,000",
                     measured: "\(fmt(firstMs)) ms", target: "< 50 ms", verdict: firstMs < 50 ? "met" : "MISSED"),
            BenchRow(id: "B3", what: "store open + restore + first frame together", measured: "\(fmt(openMs + firstMs)) ms",
                     target: "< 50 ms", verdict: openMs + firstMs < 50 ? "met" : "MISSED"),
            BenchRow(id: "B3", what: "page up ×100 (\(pageSize) entries each)",
                     measured: "wall p50 \(fmt(p50, 3)) ms, p99 \(fmt(p99, 3)) ms, max \(fmt(worst, 3)) ms; "
                        + "CPU max \(fmt(pageCpuMs.max()!, 3)) ms",
                     target: "< 5 ms each", verdict: worst < 5 ? "met" : "MISSED"),
        ]
    }
}
