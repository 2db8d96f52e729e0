import Foundation
import Runtime

/// B15: search across all workers over 1,000,000 transcript entries
/// (quality.md: p99 < 50 ms). A store of 200 workers × 5,000 entries (issue
/// 16's operator with two hundred workers), written through
/// `FileStore.commit` like every bench store, so the FTS5 index is filled by
/// the schema's own triggers. Entry text mixes common words with rarer ones
/// (a Zipf-like draw from a 20,000-word vocabulary), so queries range from
/// words in most entries to words in a handful.
///
/// Measured: 200 searches through `WorkerRuntime.search` (limit 50, the
/// API's default), warm page cache, wall time per search: one-word common,
/// one-word rare, two words (common + rare, and two common), three common
/// words, plus one that matches nothing.
enum B15Search {
    static let workers = 200
    static let entriesPerWorker = 5_000
    static let common = ["build", "test", "deploy", "error", "timeout", "retry", "config", "branch", "merge", "review",
                         "cache", "server", "client", "request", "response", "token", "worker", "queue", "index", "query"]

    /// A deterministic generator: the same store on every machine.
    struct Draw {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        /// Rare word `i` in 0..<20,000, low indexes likelier (about Zipf).
        mutating func rare() -> String {
            let u = Double(next() % 1_000_000 + 1) / 1_000_000
            return "w" + String(Int(pow(20_000, u)) - 1, radix: 36)
        }
    }

    static func content(_ draw: inout Draw) -> String {
        var words: [String] = []
        for _ in 0..<10 { words.append(common[Int(draw.next() % UInt64(common.count))]) }
        for _ in 0..<4 { words.append(draw.rare()) }
        words.shuffle(using: &draw)
        return words.joined(separator: " ") + "."
    }

    static func run() async throws -> [BenchRow] {
        let root = try generate()
        var store: FileStore!
        var runtime: WorkerRuntime!
        let openMs = try Measure.ms {
            store = try FileStore.open(root: root, mode: .owner)
            runtime = try WorkerRuntime(workspaceId: "bench", store: store, backend: nil)
        }
        defer { store.close() }

        var draw = Draw(state: 99)
        var queries: [(kind: String, text: String)] = []
        for i in 0..<40 { queries.append(("one common word", common[i % common.count])) }
        for _ in 0..<40 { queries.append(("one rare word", draw.rare())) }
        for i in 0..<40 { queries.append(("common + rare", common[i % common.count] + " " + draw.rare())) }
        for i in 0..<40 { queries.append(("two common", common[i % common.count] + " " + common[(i * 7 + 3) % common.count])) }
        for i in 0..<39 {
            queries.append(("three common", [0, 5, 11].map { common[(i + $0) % common.count] }.joined(separator: " ")))
        }
        queries.append(("no match", "zzzqqq"))

        var first: [TranscriptMatch] = []
        let coldMs = try await Measure.ms { first = try await runtime.search("deploy timeout", limit: 50) }
        precondition(first.count == 50, "B15: expected matches for a common query")
        var wall: [Double] = []
        var byKind: [String: [Double]] = [:]
        var found = 0
        for query in queries {
            var matches: [TranscriptMatch] = []
            let ms = try await Measure.ms { matches = try await runtime.search(query.text, limit: 50) }
            found += matches.count
            wall.append(ms)
            byKind[query.kind, default: []].append(ms)
        }
        let p50 = Measure.median(wall), p99 = Measure.percentile(wall, 99), worst = wall.max()!
        let kinds = ["one common word", "one rare word", "common + rare", "two common", "three common"].map { kind in
            "\(kind) p99 \(fmt(Measure.percentile(byKind[kind]!, 99), 2))"
        }.joined(separator: ", ")
        return [
            BenchRow(id: "B15", what: "open + restore (\(workers) workers, \(workers * entriesPerWorker) entries)",
                     measured: "\(fmt(openMs)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B15", what: "first search after open (\"deploy timeout\", limit 50)",
                     measured: "\(fmt(coldMs)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B15", what: "search across all workers ×\(queries.count) (limit 50; \(found) matches returned)",
                     measured: "p50 \(fmt(p50, 2)) ms, p99 \(fmt(p99, 2)) ms, max \(fmt(worst, 2)) ms; \(kinds) ms",
                     target: "p99 < 50 ms", verdict: p99 < 50 ? "met" : "MISSED"),
        ]
    }

    /// The store, generated once under `bench-data/search-1m`.
    static func generate() throws -> URL {
        let root = BenchData.directory.appendingPathComponent("search-1m")
        let marker = root.appendingPathComponent(".complete")
        if FileManager.default.fileExists(atPath: marker.path) { return root }
        try? FileManager.default.removeItem(at: root)
        let clock = ContinuousClock()
        let started = clock.now
        FileHandle.standardError.write(Data("generating search-1m (\(workers) × \(entriesPerWorker) entries)…\n".utf8))
        let store = try FileStore.open(root: root, mode: .owner)
        defer { store.close() }
        let t0 = BenchData.t0
        let bundle = ConfigBundle.workspaceDefault(profile: "default", workspaceId: "bench", createdAt: t0)
        var draw = Draw(state: 42)
        var nextEvent: Int64 = 1
        var changes: [StoreChange] = [.bundle(bundle)]
        func flush() throws {
            let state = RuntimeState(runtimeId: BenchData.runtime, nextWorkerSequence: UInt32(workers + 1), nextEventId: nextEvent)
            try store.commit(StoreTransaction([.state(state)] + changes, durability: .relaxed))
            changes.removeAll(keepingCapacity: true)
        }
        // Entries are written round-robin over the workers, as a fleet
        // writes them, so every worker has new and old entries.
        var records: [WorkerRecord] = []
        for w in 1...workers {
            let ref = WorkerRef(runtimeId: BenchData.runtime, workerId: WorkerId(sequence: UInt32(w)))
            let record = WorkerRecord(
                ref: ref, label: "worker \(w)", status: .running,
                execution: ExecutionStatus(backend: .stale, runState: .unconnected, binding: "scripted"),
                profile: "default", model: "scripted/echo", configBundle: bundle.ref, transcriptLength: 0,
                lastEventId: nextEvent, createdAt: t0, updatedAt: t0, lastActivityAt: t0, usage: .zero, activeTurn: nil)
            records.append(record)
            changes.append(.worker(record))
            changes.append(.event(RuntimeEvent(id: nextEvent, workerRef: ref, kind: .workerCreated, message: "worker created",
                                               createdAt: t0)))
            nextEvent += 1
        }
        for sequence in 1...entriesPerWorker {
            for w in 0..<workers {
                let ref = records[w].ref
                let isInput = sequence % 2 == 1
                let at = t0.addingTimeInterval(Double(nextEvent))
                changes.append(.event(RuntimeEvent(id: nextEvent, workerRef: ref, kind: isInput ? .workerInputAccepted : .workerTurnCompleted,
                                                   message: isInput ? "input accepted" : "turn completed", createdAt: at)))
                changes.append(.transcript(ref.workerId, TranscriptEntry(
                    sequence: sequence, role: isInput ? .user : .assistant, kind: .message,
                    content: content(&draw), eventId: nextEvent, createdAt: at)))
                records[w].transcriptLength = sequence
                records[w].lastEventId = nextEvent
                nextEvent += 1
            }
            if sequence % 50 == 0 || sequence == entriesPerWorker {
                changes += records.map(StoreChange.worker)
                try flush()
            }
        }
        try Data().write(to: marker)
        FileHandle.standardError.write(Data("generated search-1m in \(fmt((clock.now - started).milliseconds / 1000, 1)) s\n".utf8))
        return root
    }
}

extension B15Search.Draw: RandomNumberGenerator {}
