// B6 through the console's own live path (issue 15, items 2 and 3): the
// loopback server, `LLMBackend` and `WorkerRuntime` of B6, 100 workers at
// 50 deltas/s, but the updates reach the console's reducer the way
// `workerdeck` gets them: `EmbeddedSource` → `RuntimeRegistry` →
// `RegistryBackend.events` (the console's one relay), with the first
// worker shown (`showText`). The `every-delta` pass is the console before
// item 2: every worker's deltas reach the reducer (`observeAll()` →
// `Action` → `reduce`). Same run, same machine, both passes.
//
// Measured per pass: the console side's CPU (thread CPU time around each
// action's `reduce` and each paced `render`, as the loop's UI thread would
// spend it), the actions and deltas it reduced, and the whole process's
// CPU (server, HTTP client and runtime included, the same in both passes).
import Console
import Foundation
import Providers
import Registry
import Runtime

enum B6ConsolePath {
    static let seconds = Int(ProcessInfo.processInfo.environment["B6P_SECONDS"] ?? "") ?? 30
    static let workers = Int(ProcessInfo.processInfo.environment["B6P_WORKERS"] ?? "") ?? 100

    static func run() async throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for shownOnly in [false, true] { rows += try await pass(shownOnly: shownOnly) }
        return rows
    }

    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    struct Tally: Sendable {
        var actions = 0
        var deltas = 0
        var ended = 0
        var consoleCPU = 0.0
        var reduceCPU = 0.0
        var frames = 0
    }

    static func pass(shownOnly: Bool, deltasPerSecond: Int = 50) async throws -> [BenchRow] {
        let deltasPerTurn = deltasPerSecond * seconds
        let server = try await B6Server.start(deltas: deltasPerTurn, interval: .milliseconds(1000 / deltasPerSecond))
        let (backend, runtime) = try server.loopbackRuntime()
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: runtime))
        let console = RegistryBackend(registry: registry)

        var refs: [WorkerRef] = []
        for _ in 0..<workers { refs.append(try await runtime.createWorker(profile: "bench").ref) }
        let keys = refs.map { WorkerKey(runtimeId: ConsoleWorld.runtimeId, workerId: $0.workerId.description) }
        var state = ConsoleWorld.state(entries: 60, streamingText: "")
        state.workers = keys.map { WorkerRow(key: $0, status: .busy, profile: "bench", model: "bench/stream") }
        state.transcripts[keys[0]] = state.transcripts[ConsoleWorld.openKey]
        state.openWorker = keys[0]
        let initial = state

        let actions: AsyncStream<Action>
        if shownOnly {
            let (stream, continuation) = AsyncStream<Action>.makeStream()
            let cancel = await console.events { continuation.yield($0) }
            continuation.onTermination = { _ in cancel() }
            actions = stream
            console.showText(of: keys[0])
        } else {
            let updates = await registry.observeAll()
            let (stream, continuation) = AsyncStream<Action>.makeStream()
            Task {
                for await update in updates { if let action = Action(update) { continuation.yield(action) } }
                continuation.finish()
            }
            actions = stream
        }
        let workers = self.workers
        let theme = ConsoleWorld.theme()
        let collector = Task { () -> Tally in
            var state = initial
            let cache = TranscriptLayoutCache()
            var tally = Tally()
            var lastFrame = ContinuousClock.now
            var dirty = false
            for await action in actions {
                let start = threadCPU()
                _ = reduce(&state, action)
                tally.reduceCPU += threadCPU() - start
                dirty = true
                tally.actions += 1
                if case .turnDeltaArrived = action { tally.deltas += 1 }
                if case .turnEnded = action { tally.ended += 1 }
                if dirty, ContinuousClock.now - lastFrame >= .milliseconds(33) {
                    _ = render(state, size: ConsoleWorld.size, theme: theme, cache: cache)
                    lastFrame = ContinuousClock.now
                    dirty = false
                    tally.frames += 1
                }
                tally.consoleCPU += threadCPU() - start
                if tally.ended == workers { break }
            }
            return tally
        }

        let cpuBefore = processCPUSeconds()
        let wallStart = ContinuousClock.now
        for ref in refs { _ = try await runtime.sendInput(ref, text: "stream please") }
        let tally = await collector.value
        let wall = ContinuousClock.now - wallStart
        let cpu = processCPUSeconds() - cpuBefore
        await backend.shutdown()
        await server.close()

        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        let streamed = workers * deltasPerTurn
        let name = shownOnly ? "shown worker's text only (now)" : "every delta (before item 2)"
        return [
            BenchRow(id: "B6p", what: "\(name): actions / deltas reduced",
                     measured: "\(tally.actions) / \(tally.deltas) of \(streamed)", target: "—", verdict: "info"),
            BenchRow(id: "B6p", what: "\(name): console reduce+render CPU, per streamed delta",
                     measured: String(format: "%.2f s, %.1f µs/delta, %.3f core (%d frames)", tally.consoleCPU,
                                      tally.consoleCPU / Double(streamed) * 1e6, tally.consoleCPU / wallSeconds, tally.frames),
                     target: "—", verdict: "info"),
            BenchRow(id: "B6p", what: "\(name): of which reduce (the rest is the paced render)",
                     measured: String(format: "%.3f s, %.2f µs/delta", tally.reduceCPU, tally.reduceCPU / Double(streamed) * 1e6),
                     target: "—", verdict: "info"),
            BenchRow(id: "B6p", what: "\(name): process CPU (server, HTTP, runtime, console)",
                     measured: String(format: "%.2f cores over %.1f s", cpu / wallSeconds, wallSeconds), target: "< 1 core",
                     verdict: cpu / wallSeconds < 1 ? "met" : "MISSED"),
        ]
    }
}
