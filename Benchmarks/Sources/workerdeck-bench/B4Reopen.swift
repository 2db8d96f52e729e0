import Foundation
import Runtime

/// B4: reopen a file store holding 1,000 workers × 1,000 entries, each reopen
/// in a fresh child process (`workerdeck-bench reopen ROOT`) that reports its
/// time and peak RSS (VmHWM). The first reopen works on a fresh copy in which
/// all 1,000 workers were connected (as after a crash), so restore writes one
/// transaction marking them stale; later reopens find nothing to write.
enum B4Reopen {
    /// The child: opens the store, restores the runtime and lists the
    /// workers (what a console needs before its first frame), timed; then
    /// closes it (untimed: closing checkpoints the WAL). Prints
    /// `ms rssKiB workers cpuMs`.
    static func child(root: String) async throws {
        var store: FileStore!
        var runtime: WorkerRuntime!
        var count = 0
        var openMs = 0.0, restoreMs = 0.0
        var elapsed = 0.0
        let cpu = try await Measure.cpuMs { elapsed = try await Measure.ms {
            openMs = try Measure.ms { store = try FileStore.open(root: URL(fileURLWithPath: root), mode: .owner) }
            restoreMs = try Measure.ms { runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: nil) }
            count = try await runtime.listWorkers(limit: 10_000).count
        } }
        store.close()
        if ProcessInfo.processInfo.environment["BENCH_DEBUG"] != nil {
            FileHandle.standardError.write(Data("reopen: open \(fmt(openMs)) ms, restore \(fmt(restoreMs)) ms\n".utf8))
        }
        print("\(elapsed) \(Measure.peakRSSKiB()) \(count) \(cpu)")
    }

    static func run(self executable: String) throws -> [BenchRow] {
        let copy = try BenchData.thousandWorkersCopy()

        var results: [(ms: Double, rss: Int, cpu: Double)] = []
        for _ in 1...6 {
            let out = try Measure.run(executable, ["reopen", copy.path])
            let fields = out.output.split(separator: " ").map(String.init)
            guard out.status == 0, fields.count == 4, let ms = Double(fields[0]), let rss = Int(fields[1]),
                  fields[2] == "1000", let cpu = Double(fields[3].trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchFailure("reopen child failed: \(out.output)")
            }
            results.append((ms, rss, cpu))
        }
        let first = results[0]
        let steady = Array(results.dropFirst())
        let steadyMs = Measure.median(steady.map(\.ms))
        let steadyCpu = Measure.median(steady.map(\.cpu))
        let peakRSS = Double(results.map(\.rss).max()!) / 1024
        return [
            BenchRow(id: "B4", what: "reopen 1,000 × 1,000 after a crash (1,000 workers → stale, one write)",
                     measured: "wall \(fmt(first.ms)) ms (CPU \(fmt(first.cpu)) ms)", target: "< 300 ms", verdict: first.ms < 300 ? "met" : "MISSED"),
            BenchRow(id: "B4", what: "reopen 1,000 × 1,000 (nothing to restore), median of 5",
                     measured: "wall \(fmt(steadyMs)) ms (CPU \(fmt(steadyCpu)) ms)", target: "< 300 ms", verdict: steadyMs < 300 ? "met" : "MISSED"),
            BenchRow(id: "B4", what: "peak RSS of a reopening process (VmHWM, worst of 6)",
                     measured: "\(fmt(peakRSS, 1)) MiB", target: "< 64 MiB", verdict: peakRSS < 64 ? "met" : "MISSED"),
        ]
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
