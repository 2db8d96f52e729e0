import Foundation
import Logging
import Registry
import Remote
import Synchronization

/// B11: the real release `workerdeck serve` with 100 workers streaming at
/// 50 deltas/s each for 30 s and one real `workerdeck` console attached
/// over `api.sock`.
///
/// A private data dir and config (`[providers.slow] scheme = "scripted"`,
/// `delay_ms = 20`: one word every 20 ms); `workerdeck serve`; 100 ×
/// `workerdeck create --profile slow` (CLI calls attached to the owner); the
/// console in a detached 120×40 tmux session with `WORKERDECK_TEST_EVENTS`,
/// the first worker opened (Enter); then 100 × `workerdeck send R W TEXT`
/// (no `--wait`, four calls at a time) with 1,500 words each (1,501 deltas: the `[scripted] `
/// prefix and one per word, reversed).
///
/// Measured:
/// - CPU of the serve and console processes: utime+stime from /proc,
///   sampled every 100 ms, over the whole streaming span (first `send` →
///   last turn ended) and over the part where all 100 stream at once.
/// - Delivery: a bench-side `RemoteSource` attached to the same owner
///   (through a `RuntimeRegistry`, as a console reads) records every live
///   delta with its arrival time; each worker's deltas must equal the
///   expected pieces in order, and the committed reply must equal their
///   concatenation.
/// - Delta-to-screen lag, for the worker open in the console: `tmux
///   capture-pane` every ~50 ms; the last word on screen tells which delta
///   is drawn. If the next delta had already reached the bench-side client
///   when the capture returned, the screen lagged by at least (capture
///   returned − that arrival); else 0. The reference is the arrival at a
///   parallel client of the same stream, not the server's write.
enum B11ServeStreaming {
    static let workers = Int(ProcessInfo.processInfo.environment["B11_WORKERS"] ?? "") ?? 100
    static let words = Int(ProcessInfo.processInfo.environment["B11_WORDS"] ?? "") ?? 1_500
    static let delayMs = 20
    static let sendLanes = 4

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["WORKERDECK_BIN"] { return path }
        // <repo>/Benchmarks/Sources/workerdeck-bench/ → <repo>/.build/release/workerdeck
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/release/workerdeck").path
    }

    /// What the scripted scheme streams for `input` (ScriptedClient.pieces).
    static func pieces(_ input: [String]) -> [String] {
        let reversed = Array(input.reversed())
        return ["[scripted] "] + reversed.enumerated().map { $0.offset == reversed.count - 1 ? $0.element : $0.element + " " }
    }

    /// Deltas and committed replies seen by the bench-side client.
    final class Collector: Sendable {
        struct Worker {
            var deltas: [String] = []
            var arrivals: [ContinuousClock.Instant] = []
            var ended = 0
        }
        let state = Mutex<[String: Worker]>([:])
        let endedCount = Atomic<Int>(0)

        func record(_ update: LiveUpdate, at now: ContinuousClock.Instant) {
            switch update {
            case let .delta(key, _, text):
                state.withLock {
                    $0[key.workerId, default: Worker()].deltas.append(text)
                    $0[key.workerId, default: Worker()].arrivals.append(now)
                }
            case let .turnEnded(key, _, _):
                state.withLock { $0[key.workerId, default: Worker()].ended += 1 }
                endedCount.wrappingAdd(1, ordering: .relaxed)
            default:
                break
            }
        }
    }

    /// utime+stime samples of the two processes.
    final class CPUSampler: @unchecked Sendable {
        let lock = NSLock()
        var samples: [(at: ContinuousClock.Instant, serve: Int, console: Int)] = []
        let stop = Atomic<Bool>(false)

        func start(serve: Int32, console: Int32) -> Thread {
            let thread = Thread { [self] in
                while !stop.load(ordering: .relaxed) {
                    let s = ConsoleSession.cpuTicks(serve), c = ConsoleSession.cpuTicks(console)
                    lock.lock(); samples.append((ContinuousClock.now, s, c)); lock.unlock()
                    usleep(100_000)
                }
            }
            thread.start()
            return thread
        }

        /// Ticks of each process between the samples nearest `from` and `to`, and the seconds between them.
        func between(_ from: ContinuousClock.Instant, _ to: ContinuousClock.Instant) -> (serve: Int, console: Int, seconds: Double) {
            lock.lock(); defer { lock.unlock() }
            let a = samples.last { $0.at <= from } ?? samples.first!
            let b = samples.first { $0.at >= to } ?? samples.last!
            return (b.serve - a.serve, b.console - a.console, (b.at - a.at).milliseconds / 1000)
        }
    }

    /// Screen samples of the open worker: when the capture returned, and the
    /// number N of the last `wN` on screen.
    final class ScreenSampler: @unchecked Sendable {
        let lock = NSLock()
        var samples: [(started: ContinuousClock.Instant, at: ContinuousClock.Instant, word: Int)] = []
        var captures = 0
        let stop = Atomic<Bool>(false)

        func start(tmux: ConsoleSession.Tmux, session: String) -> Thread {
            let thread = Thread { [self] in
                while !stop.load(ordering: .relaxed) {
                    let started = ContinuousClock.now
                    guard let screen = try? tmux.run(["capture-pane", "-p", "-t", session]) else { continue }
                    let at = ContinuousClock.now
                    lock.lock(); captures += 1; lock.unlock()
                    if let word = Self.lastWord(screen) {
                        lock.lock(); samples.append((started, at, word)); lock.unlock()
                    }
                    usleep(50_000)
                }
            }
            thread.start()
            return thread
        }

        /// The last `w<digits>` token on the screen, in reading order.
        static func lastWord(_ screen: String) -> Int? {
            var last: Int?
            for token in screen.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where token.first == "w" {
                if let n = Int(token.dropFirst()) { last = n }
            }
            return last
        }
    }

    /// Blocking work (child processes, file polling) on a Dispatch thread,
    /// so Swift's two-thread pool stays free for the stream client.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func run() async throws -> [BenchRow] {
        let sandbox = try ServeSandbox("b11", config: """
            [providers.slow]
            scheme = "scripted"
            delay_ms = \(delayMs)

            [profiles.slow]
            model = "slow/echo"

            """)
        defer { sandbox.remove() }
        let bin = sandbox.bin, data = sandbox.data, workspace = sandbox.workspace
        let config = sandbox.config, events = sandbox.events
        @Sendable func cli(_ arguments: [String]) throws -> String { try sandbox.cli(arguments) }

        // The owner.
        let serve = try sandbox.startServe()
        let servePid = serve.processIdentifier
        defer {
            if serve.isRunning { serve.terminate(); serve.waitUntilExit() }
        }
        let clock = ContinuousClock()
        var socket: String?
        let deadline = clock.now + .seconds(30)
        while socket == nil, clock.now < deadline {
            let spaces = data.appendingPathComponent("workspaces")
            for space in (try? FileManager.default.contentsOfDirectory(atPath: spaces.path)) ?? [] {
                let path = spaces.appendingPathComponent(space).appendingPathComponent("embedded-runtime/api.sock").path
                if FileManager.default.fileExists(atPath: path) { socket = path }
            }
            guard serve.isRunning else { throw BenchFailure("workerdeck serve exited \(serve.terminationStatus)") }
            if socket == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        guard let socket else { throw BenchFailure("workerdeck serve did not create api.sock") }

        // The bench-side client: a RemoteSource in a registry, as a console reads.
        var logger = Logger(label: "workerdeck-bench.b11")
        logger.logLevel = .error
        let remote = RemoteSource(config: RemoteConfig(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                                       endpoint: .unixSocket(path: socket),
                                                       implementationKind: .embeddedWorkerRuntime),
                                  logger: logger)
        var attempts = 0
        while true {
            do { try await remote.connect(); break } catch {
                attempts += 1
                if attempts > 600 { throw BenchFailure("cannot attach to workerdeck serve: \(error)") }
                try await Task.sleep(for: .milliseconds(10)) // retry the handshake until the owner answers
            }
        }
        let registry = RuntimeRegistry()
        try registry.register(remote)
        let collector = Collector()
        let updates = await registry.observeAll()
        let consumer = Task {
            for await update in updates { collector.record(update, at: ContinuousClock.now) }
        }
        defer { consumer.cancel() }
        for await status in remote.statusUpdates() where status == .connected { break }

        // 100 workers created by CLI calls attached to the owner.
        let createStart = clock.now
        try await offPool { for _ in 1...workers { _ = try cli(["create", "--profile", "slow"]) } }
        let createMs = (clock.now - createStart).milliseconds
        let keys = try await registry.workers(runtime: "backend-internal", limit: 1000).map(\.key)
        guard keys.count == workers else { throw BenchFailure("B11: \(keys.count) workers listed, not \(workers)") }

        // The console, attached over the socket, with the first worker open.
        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }
        try? FileManager.default.removeItem(atPath: events)
        let consolePid = try tmux.start("b11", "env -C '\(workspace.path)' TERM=xterm-256color LC_ALL=C.UTF-8 "
            + "WORKERDECK_DATA_DIR='\(data.path)' WORKERDECK_CONFIG='\(config.path)' WORKERDECK_TEST_EVENTS='\(events)' '\(bin)'")
        defer { ConsoleSession.terminate(consolePid) }
        let workerCount = workers
        try await offPool {
            _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" && $0["workers"] as? Int == workerCount }
            try tmux.run(["send-keys", "-t", "b11", "Enter"])
            _ = try ConsoleSession.wait(for: events, timeout: 10) { $0["event"] as? String == "frame" && $0["open"] != nil }
        }
        let openFrame = ConsoleSession.events(events).last { $0["event"] as? String == "frame" && $0["open"] != nil }
        let openWorker = (openFrame?["open"] as? String).flatMap { $0.split(separator: "/").last.map(String.init) }
        let framesBefore = ConsoleSession.events(events).filter { $0["event"] as? String == "frame" }.count

        // Stream: CPU and screen samplers, then the inputs.
        let cpu = CPUSampler()
        let cpuThread = cpu.start(serve: servePid, console: consolePid)
        let screen = ScreenSampler()
        let screenThread = screen.start(tmux: tmux, session: "b11")
        try await Task.sleep(for: .milliseconds(200))
        let input = (1...words).map { "w\($0)" }
        let streamStart = clock.now
        let workerIds = keys.map(\.workerId)
        // Four calls at a time, so all 100 stream together for most of the 30 s.
        let text = input.joined(separator: " "), lanes = sendLanes
        let failures = Mutex<[String]>([])
        try await offPool {
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                for id in stride(from: lane, to: workerIds.count, by: lanes).map({ workerIds[$0] }) {
                    do { _ = try cli(["send", "backend-internal", id, text]) } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw BenchFailure("B11 send failed: \(failure)") }
        let sendsDone = clock.now
        let endDeadline = clock.now + .seconds(Double(words * delayMs) / 1000 * 3 + 60)
        var firstEnd: ContinuousClock.Instant?
        while collector.endedCount.load(ordering: .relaxed) < workers, clock.now < endDeadline {
            if firstEnd == nil, collector.endedCount.load(ordering: .relaxed) > 0 { firstEnd = clock.now }
            try await Task.sleep(for: .milliseconds(10)) // polling the collector's count: 10 ms resolution on the span's end
        }
        let streamEnd = clock.now
        try await Task.sleep(for: .milliseconds(200))
        cpu.stop.store(true, ordering: .relaxed)
        screen.stop.store(true, ordering: .relaxed)
        while !cpuThread.isFinished || !screenThread.isFinished { try await Task.sleep(for: .milliseconds(10)) }
        let framesAfter = ConsoleSession.events(events).filter { $0["event"] as? String == "frame" }.count

        // Delivery: every worker's deltas, in order and complete; the committed reply equals them.
        let seen = collector.state.withLock { $0 }
        var inOrder = 0, committedMatch = 0, deltaCount = 0, expectedCount = 0
        var gaps: [Double] = []
        for key in keys {
            let expected = pieces(input)
            expectedCount += expected.count
            let got = seen[key.workerId] ?? Collector.Worker()
            deltaCount += got.deltas.count
            if got.deltas == expected { inOrder += 1 }
            let tail = try await registry.transcriptTail(key, limit: 1)
            if let reply = tail.items.last, reply.role == .assistant, reply.content == got.deltas.joined() { committedMatch += 1 }
            for i in got.arrivals.indices.dropFirst() { gaps.append((got.arrivals[i] - got.arrivals[i - 1]).milliseconds) }
        }

        // Delta-to-screen lag of the open worker.
        var lags: [Double] = [], lagsAtStart: [Double] = [], captureMs: [Double] = []
        if let openWorker, let arrivals = seen[openWorker]?.arrivals {
            // Samples showing w<words> (the input's last word, or the reply's
            // first) or the reply's last word (nothing left to lag) are skipped.
            for sample in screen.samples where sample.word < words {
                // Word wN is piece 1 + (words − N); the next piece is the one not yet on screen.
                let next = 1 + (words - sample.word) + 1
                guard next < arrivals.count else { continue }
                lags.append(max(0, (sample.at - arrivals[next]).milliseconds))
                lagsAtStart.append(max(0, (sample.started - arrivals[next]).milliseconds))
                captureMs.append((sample.at - sample.started).milliseconds)
            }
        }

        let span = cpu.between(streamStart, streamEnd)
        let steady = cpu.between(sendsDone, firstEnd ?? streamEnd)
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        func cores(_ ticks: Int, _ seconds: Double) -> Double { Double(ticks) / hz / seconds }
        let serveCores = cores(span.serve, span.seconds), consoleCores = cores(span.console, span.seconds)
        let serveSteady = cores(steady.serve, steady.seconds), consoleSteady = cores(steady.console, steady.seconds)
        let lagP99 = lags.isEmpty ? .infinity : Measure.percentile(lags, 99)

        // Ends cleanly: the console first, then the owner (SIGTERM).
        ConsoleSession.terminate(consolePid)
        consumer.cancel()
        _ = await registry.close()
        serve.terminate()
        serve.waitUntilExit()

        let spanText = "\(fmt(span.seconds, 1)) s from the first `send` to the last turn ended"
        let steadyText = "\(fmt(steady.seconds, 1)) s with all \(workers) streaming (last `send` accepted → first turn ended)"
        return [
            BenchRow(id: "B11", what: "set-up: \(workers) × `workerdeck create --profile slow` (attached CLI calls, sequential)",
                     measured: "\(fmt(createMs / Double(workers), 1)) ms per call", target: "—", verdict: "info"),
            BenchRow(id: "B11", what: "\(workers) × `workerdeck send` (no --wait, \(sendLanes) at a time): first → last accepted",
                     measured: "\(fmt((sendsDone - streamStart).milliseconds / 1000, 2)) s", target: "—", verdict: "info"),
            BenchRow(id: "B11", what: "turns ended (seen by a bench-side RemoteSource on the same owner)",
                     measured: "\(collector.endedCount.load(ordering: .relaxed))/\(workers)", target: "all",
                     verdict: collector.endedCount.load(ordering: .relaxed) == workers ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "deltas delivered to the bench-side client, every worker's in order and complete",
                     measured: "\(deltaCount)/\(expectedCount) deltas; \(inOrder)/\(workers) workers exact", target: "all, in order",
                     verdict: inOrder == workers ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "committed reply = concatenated deltas",
                     measured: "\(committedMatch)/\(workers)", target: "all",
                     verdict: committedMatch == workers ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "`workerdeck serve` CPU (utime+stime), \(spanText)",
                     measured: "\(fmt(serveCores, 3)) cores (\(fmt(Double(span.serve) / hz * 1e6 / Double(max(deltaCount, 1)), 0)) µs CPU per delta)",
                     target: "< 0.5 core", verdict: serveCores < 0.5 ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "`workerdeck` console CPU (attached, one worker open, 120×40), same span; frames drawn: \(framesAfter - framesBefore)",
                     measured: "\(fmt(consoleCores, 3)) cores (\(fmt(Double(span.console) / hz * 1e6 / Double(max(deltaCount, 1)), 0)) µs CPU per delta)",
                     target: "< 0.25 core",
                     verdict: consoleCores < 0.25 ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "same, \(steadyText): serve / console",
                     measured: "\(fmt(serveSteady, 3)) / \(fmt(consoleSteady, 3)) cores", target: "< 0.5 / < 0.25",
                     verdict: serveSteady < 0.5 && consoleSteady < 0.25 ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "delta inter-arrival at the bench-side client, per worker (cadence \(delayMs) ms)",
                     measured: gaps.isEmpty ? "none" : "p50 \(fmt(Measure.median(gaps), 1)) ms, p99 \(fmt(Measure.percentile(gaps, 99), 1)) ms, max \(fmt(gaps.max()!, 1)) ms",
                     target: "—", verdict: "info"),
            BenchRow(id: "B11", what: "delta-to-screen lag, open worker \(openWorker ?? "none"): `tmux capture-pane` (\(lags.count) of \(screen.captures) captures usable) vs arrival of the next delta at the bench-side client",
                     measured: lags.isEmpty ? "not measured" : "p50 \(fmt(Measure.median(lags), 1)) ms, p99 \(fmt(lagP99, 1)) ms, max \(fmt(lags.max()!, 1)) ms",
                     target: "p99 < 50 ms", verdict: lagP99 < 50 ? "met" : "MISSED"),
            BenchRow(id: "B11", what: "same lag taken at the capture's start instead of its return (lower bound); capture duration",
                     measured: lags.isEmpty ? "—" : "lag p50 \(fmt(Measure.median(lagsAtStart), 1)) ms, p99 \(fmt(Measure.percentile(lagsAtStart, 99), 1)) ms; "
                        + "capture p50 \(fmt(Measure.median(captureMs), 1)) ms, p99 \(fmt(Measure.percentile(captureMs, 99), 1)) ms",
                     target: "—", verdict: "info"),
        ]
    }
}

/// Its one stored property is a constant path; the samplers and the
/// off-pool blocks call it from other threads.
extension ConsoleSession.Tmux: @unchecked Sendable {}
