import Foundation
import Runtime

/// B9: the last 20 transcript entries of one conversation among 1,000,000
/// stored, as whole processes: WorkerDeck against the `llm` CLI's
/// `llm logs -n 20` over a log of 1,000,000 responses.
///
/// The `workerdeck transcript` subcommand is not on this branch yet, so the
/// WorkerDeck side is `workerdeck-bench tail`: a release binary that does what
/// that subcommand does — open the store, restore the runtime, read the tail
/// page, print it.
enum B9LastEntries {
    static let runs = 10

    /// The child: prints the last `limit` entries of `worker`.
    static func child(root: String, worker: String, limit: Int) async throws {
        let store = try FileStore.open(root: URL(fileURLWithPath: root))
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: nil)
        guard let id = WorkerId(rawValue: worker) else { throw BenchFailure("bad worker id") }
        let page = try await runtime.transcriptTail(WorkerRef(runtimeId: .embedded, workerId: id), limit: limit)
        var out = ""
        for entry in page.items { out += "#\(entry.sequence) \(entry.role.rawValue): \(entry.content)\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func run(self executable: String) throws -> [BenchRow] {
        let root = try BenchData.thousandWorkersCopy()
        let llmHome = BenchData.directory.appendingPathComponent("llm-home")
        let llm = BenchData.directory.appendingPathComponent("llm-venv/bin/llm")
        guard FileManager.default.isExecutableFile(atPath: llm.path),
              FileManager.default.fileExists(atPath: llmHome.appendingPathComponent(".complete").path) else {
            return [BenchRow(id: "B9", what: "last 20 of 1,000,000: workerdeck vs `llm logs -n 20`",
                             measured: "not measured: llm or its log not prepared (run `make bench`)",
                             target: "faster than llm", verdict: "NOT RUN")]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LLM_USER_PATH"] = llmHome.path

        var ours: [Double] = [], theirs: [Double] = []
        for _ in 1...runs {
            let a = try Measure.run(executable, ["tail", root.path, "worker-000001f4", "20"])
            guard a.status == 0, a.output.split(separator: "\n").count == 20 else {
                throw BenchFailure("tail child failed")
            }
            ours.append(a.ms)
            let b = try Measure.run(llm.path, ["logs", "-n", "20"], environment: environment)
            guard b.status == 0, !b.output.isEmpty else { throw BenchFailure("llm logs failed") }
            theirs.append(b.ms)
        }
        let ourP50 = Measure.median(ours), theirP50 = Measure.median(theirs)
        return [
            BenchRow(id: "B9", what: "last 20 of 1,000,000: workerdeck-bench tail (process, median of \(runs))",
                     measured: "\(fmt(ourP50, 1)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B9", what: "last 20 of 1,000,000: `llm logs -n 20` (process, median of \(runs))",
                     measured: "\(fmt(theirP50, 1)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B9", what: "ratio llm / workerdeck", measured: "\(fmt(theirP50 / ourP50, 1))×",
                     target: "> 1 (faster than llm)", verdict: theirP50 > ourP50 ? "met" : "MISSED"),
        ]
    }
}
