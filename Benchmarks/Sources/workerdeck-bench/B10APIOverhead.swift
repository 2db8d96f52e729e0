import Foundation
import Logging
import Registry
import Remote
import Runtime
import Server

/// B10: what the owner's API adds to a read. One process builds the world
/// in-process (a `WorkerRuntime` over a `FileStore` with 1,000 workers ×
/// 100 entries, in a temp dir, through `EmbeddedSource` → `RuntimeRegistry`),
/// serves that registry with `APIServer` on a Unix socket in the same temp
/// dir, and reads it two ways in the same run: through the in-process
/// registry, and through a second registry holding a `RemoteSource`
/// (`.unixSocket`, kind `.embeddedWorkerRuntime`, runtime `backend-internal`),
/// which is how an attached console or CLI call reads. Calls alternate
/// (in-process, then socket) so both see the same machine.
enum B10APIOverhead {
    static let workers = 1_000
    static let entriesPerWorker = 100
    static let pageSize = 60
    static let iterations = 200
    static let warmUp = 20
    static let coldCalls = 20

    static func run() async throws -> [BenchRow] {
        // The generated store is kept in bench-data; each run works on a copy
        // in a temp dir (opening as owner writes, and the socket lives there).
        let pristine = try BenchData.store(named: "api-\(workers)-workers", workers: workers,
                                           entriesPerWorker: entriesPerWorker, backend: .stale)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("wd-bench-\(getpid())-b10")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.copyItem(at: pristine, to: root)
        defer { try? FileManager.default.removeItem(at: root) }

        let store = try FileStore.open(root: root, mode: .owner)
        defer { store.close() }
        let runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: nil)
        let local = RuntimeRegistry()
        try local.register(EmbeddedSource(runtime: runtime))
        let runtimeId = RuntimeId.embedded.rawValue

        var logger = Logger(label: "workerdeck-bench.b10")
        logger.logLevel = .critical
        let socket = root.appendingPathComponent(FileStore.apiSocketFileName).path
        let server = APIServer(registry: local, runtimeIds: [runtimeId], version: "bench", logger: logger)
        let (listening, listened) = AsyncStream<Void>.makeStream()
        let serving = Task {
            try await server.run([.unixSocket(path: socket)], onListening: { _ in _ = listened.yield() })
        }
        defer { serving.cancel() }
        for await _ in listening { break }

        let remote = RemoteSource(config: RemoteConfig(runtimeId: runtimeId, displayName: "Embedded runtime",
                                                       endpoint: .unixSocket(path: socket),
                                                       implementationKind: .embeddedWorkerRuntime),
                                  logger: logger)
        try await remote.connect()
        let attached = RuntimeRegistry()
        try attached.register(remote)

        let key = WorkerKey(runtimeId: runtimeId, workerId: WorkerId(sequence: 1).rawValue)
        // Pages at varying starts (0-based offsets 0…40) over the worker's 100 entries.
        func start(_ i: Int) -> Int { (i * 7) % (entriesPerWorker - pageSize + 1) }

        var page: [String: [Double]] = ["local": [], "socket": []]
        var list: [String: [Double]] = ["local": [], "socket": []]
        for i in 0..<(warmUp + iterations) {
            for (name, registry) in [("local", local), ("socket", attached)] {
                var items = 0
                let ms = try await Measure.ms {
                    items = try await registry.transcript(key, start: start(i), limit: pageSize).items.count
                }
                guard items == pageSize else { throw BenchFailure("B10 \(name) page held \(items) entries") }
                if i >= warmUp { page[name]!.append(ms) }
            }
            for (name, registry) in [("local", local), ("socket", attached)] {
                var count = 0
                let ms = try await Measure.ms { count = try await registry.workers(runtime: runtimeId, limit: workers).count }
                guard count == workers else { throw BenchFailure("B10 \(name) list held \(count) workers") }
                if i >= warmUp { list[name]!.append(ms) }
            }
        }
        // Cold: every worker new to both ends' row caches (`WorkersPageLines`),
        // as after a change to every worker: a fresh server and client per
        // call, on their own socket; only the list call is timed.
        var cold: [Double] = []
        for i in 0..<coldCalls {
            let path = root.appendingPathComponent("cold-\(i).sock").path
            let fresh = APIServer(registry: local, runtimeIds: [runtimeId], version: "bench", logger: logger)
            let (up, signal) = AsyncStream<Void>.makeStream()
            let task = Task { try await fresh.run([.unixSocket(path: path)], onListening: { _ in _ = signal.yield() }) }
            for await _ in up { break }
            let client = RemoteSource(config: RemoteConfig(runtimeId: runtimeId, displayName: "Embedded runtime",
                                                           endpoint: .unixSocket(path: path), implementationKind: .embeddedWorkerRuntime),
                                      logger: logger)
            try await client.connect()
            var count = 0
            cold.append(try await Measure.ms { count = try await client.listWorkers(limit: workers).count })
            guard count == workers else { throw BenchFailure("B10 cold list held \(count) workers") }
            await client.close()
            task.cancel()
            _ = try? await task.value
        }
        // The codec alone, on the same 1,000 workers: the floor under the
        // cold figure that no transport change can remove.
        let listed = try await local.workers(runtime: runtimeId, limit: workers)
        let wirePage = WorkersPage(runtimeId: runtimeId, workers: listed, truncated: false)
        var encoded = Data(), encode: [Double] = [], decode: [Double] = []
        for i in 0..<(warmUp + iterations / 4) {
            let e = try Measure.ms { encoded = try ProjectionJSON.wireEncoder().encode(wirePage) }
            var count = 0
            let d = try Measure.ms { count = try ProjectionJSON.decoder().decode(WorkersPage.self, from: encoded).workers.count }
            guard count == workers else { throw BenchFailure("B10 codec decoded \(count) workers") }
            if i >= warmUp { encode.append(e); decode.append(d) }
        }
        _ = await attached.close()
        serving.cancel()
        _ = try? await serving.value

        func stats(_ v: [Double]) -> String {
            "p50 \(fmt(Measure.median(v), 3)) ms, p99 \(fmt(Measure.percentile(v, 99), 3)) ms, max \(fmt(v.max()!, 3)) ms"
        }
        func rows(_ what: String, _ samples: [String: [Double]]) -> [BenchRow] {
            let viaSocket = samples["socket"]!, inProcess = samples["local"]!
            let p99 = Measure.percentile(viaSocket, 99)
            // Each socket call minus the in-process call just before it.
            let overhead = zip(viaSocket, inProcess).map { $0 - $1 }
            return [
                BenchRow(id: "B10", what: "\(what), in-process registry (\(iterations) calls)", measured: stats(inProcess),
                         target: "—", verdict: "info"),
                BenchRow(id: "B10", what: "\(what), through `api.sock` (RemoteSource → APIServer, \(iterations) calls)",
                         measured: stats(viaSocket), target: "p99 < 5 ms", verdict: p99 < 5 ? "met" : "MISSED"),
                BenchRow(id: "B10", what: "\(what), ratio socket / in-process",
                         measured: "p50 \(fmt(Measure.median(viaSocket) / Measure.median(inProcess), 1))×, "
                            + "p99 \(fmt(p99 / Measure.percentile(inProcess, 99), 1))×",
                         target: "reported", verdict: "info"),
                BenchRow(id: "B10", what: "\(what), overhead: socket call minus the in-process call before it",
                         measured: "p50 \(fmt(Measure.median(overhead), 3)) ms, p99 \(fmt(Measure.percentile(overhead, 99), 3)) ms",
                         target: "reported", verdict: "info"),
            ]
        }
        return rows("transcript page (\(pageSize) entries of \(entriesPerWorker))", page)
            + rows("worker list (\(workers) workers)", list)
            + [BenchRow(id: "B10", what: "worker list (\(workers) workers), every row new to both ends' caches "
                            + "(a fresh server and client per call, \(coldCalls) calls)", measured: stats(cold), target: "—", verdict: "info"),
               BenchRow(id: "B10", what: "worker list page (\(workers) workers, \(encoded.count / 1024) KiB): `ProjectionJSON` encode alone "
                            + "(\(encode.count) calls)", measured: stats(encode), target: "—", verdict: "info"),
               BenchRow(id: "B10", what: "worker list page: `ProjectionJSON` decode alone (\(decode.count) calls)",
                        measured: stats(decode), target: "—", verdict: "info")]
    }
}
