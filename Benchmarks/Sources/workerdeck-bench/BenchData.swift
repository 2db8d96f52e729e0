import Foundation
import Runtime

/// Generated stores, kept between runs under `bench-data/` at the repository
/// root (or `$WORKERDECK_BENCH_DIR`). A store is reused only when its
/// `.complete` marker exists; otherwise it is rebuilt.
///
/// Stores are written through `FileStore.commit` (the real schema and write
/// path), in relaxed transactions of 20,000 entries each.
enum BenchData {
    static let runtime = RuntimeId.embedded
    static let t0 = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["WORKERDECK_BENCH_DIR"] {
            return URL(fileURLWithPath: override)
        }
        // <repo>/Benchmarks/Sources/workerdeck-bench/BenchData.swift → <repo>/bench-data
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench-data")
    }

    /// One worker with 1,000,000 entries (B3).
    static func singleWorker() throws -> URL {
        try store(named: "one-worker-1m", workers: 1, entriesPerWorker: 1_000_000, backend: .stale)
    }

    /// 1,000 workers × 1,000 entries, all connected as at a crash (B4, B9).
    static func thousandWorkers() throws -> URL {
        try store(named: "thousand-workers-1m", workers: 1_000, entriesPerWorker: 1_000, backend: .connected)
    }

    /// A fresh copy of `thousandWorkers()` that a bench may write to (opening
    /// as owner restores, which writes); the pristine store is never opened
    /// after generation. The copy is fsynced so later fsyncs do not pay for it.
    static func thousandWorkersCopy() throws -> URL {
        let pristine = try thousandWorkers()
        let copy = directory.appendingPathComponent("thousand-workers-run")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: pristine, to: copy)
        let handle = try FileHandle(forUpdating: copy.appendingPathComponent(FileStore.defaultFileName))
        try handle.synchronize()
        try handle.close()
        return copy
    }

    static func content(_ sequence: Int) -> String {
        let role = sequence % 2 == 1 ? "question" : "answer"
        return "\(role) \(sequence): the quick brown fox jumps over the lazy dog while the worker keeps a "
            + "transcript of realistic length so that a page holds about as many bytes as a console page shows."
    }

    static func store(named name: String, workers: Int, entriesPerWorker: Int,
                              backend: BackendState) throws -> URL {
        let root = directory.appendingPathComponent(name)
        let marker = root.appendingPathComponent(".complete")
        if FileManager.default.fileExists(atPath: marker.path) { return root }
        try? FileManager.default.removeItem(at: root)
        let clock = ContinuousClock()
        let started = clock.now
        FileHandle.standardError.write(Data("generating \(name) (\(workers) × \(entriesPerWorker) entries)…\n".utf8))

        let store = try FileStore.open(root: root, mode: .owner)
        defer { store.close() }
        var nextEvent: Int64 = 1
        let bundle = ConfigBundle.workspaceDefault(profile: "default", workspaceId: "bench", createdAt: t0)
        var changes: [StoreChange] = [.bundle(bundle)]
        func flush(final: Bool) throws {
            guard final || changes.count >= 20_000 else { return }
            let state = RuntimeState(runtimeId: runtime, nextWorkerSequence: UInt32(workers + 1),
                                     nextEventId: nextEvent)
            try store.commit(StoreTransaction([.state(state)] + changes, durability: .relaxed))
            changes.removeAll(keepingCapacity: true)
        }
        for w in 1...workers {
            let ref = WorkerRef(runtimeId: runtime, workerId: WorkerId(sequence: UInt32(w)))
            let createdEvent = nextEvent
            var record = WorkerRecord(
                ref: ref, label: nil, status: .running,
                execution: ExecutionStatus(backend: backend, runState: backend == .connected ? .idle : .unconnected,
                                           binding: "scripted"),
                profile: "default", model: "scripted/echo", configBundle: bundle.ref, transcriptLength: 0,
                lastEventId: createdEvent, createdAt: t0, updatedAt: t0, lastActivityAt: t0,
                usage: .zero, activeTurn: nil
            )
            changes.append(.worker(record))
            changes.append(.event(RuntimeEvent(id: createdEvent, workerRef: ref, kind: .workerCreated,
                                               message: "worker created", createdAt: t0)))
            nextEvent += 1
            for sequence in 1...entriesPerWorker {
                let isInput = sequence % 2 == 1
                let event = RuntimeEvent(id: nextEvent, workerRef: ref,
                                         kind: isInput ? .workerInputAccepted : .workerTurnCompleted,
                                         message: isInput ? "input accepted" : "turn completed", createdAt: t0)
                changes.append(.event(event))
                changes.append(.transcript(ref.workerId, TranscriptEntry(
                    sequence: sequence, role: isInput ? .user : .assistant, kind: .message,
                    content: content(sequence), eventId: nextEvent, createdAt: t0)))
                nextEvent += 1
                if changes.count >= 20_000 {
                    // Keep the catalog row in step with the entries committed so far.
                    record.transcriptLength = sequence
                    record.lastEventId = nextEvent - 1
                    changes.append(.worker(record))
                    try flush(final: false)
                }
            }
            record.transcriptLength = entriesPerWorker
            record.lastEventId = nextEvent - 1
            changes.append(.worker(record))
        }
        try flush(final: true)
        try Data().write(to: marker)
        FileHandle.standardError.write(Data(
            "generated \(name) in \(fmt((clock.now - started).milliseconds / 1000, 1)) s\n".utf8))
        return root
    }
}
