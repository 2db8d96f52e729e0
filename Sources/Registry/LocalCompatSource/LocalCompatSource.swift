import Foundation
import Runtime
import Synchronization

/// Legacy yoi workers as a read-only registry source (`local-compat`).
///
/// Lists the workers whose records name the console's workspace and reads
/// their active segment's transcript. Every mutation keeps the protocol's
/// `unsupported` default. No value it returns holds a path, pid or socket.
///
/// Concurrency: `Sendable`; state sits behind one `Mutex` that is never held
/// across file I/O. Scans and transcript reads are synchronous, bounded
/// blocking I/O (≤ 1,000 small files, ≤ 4 MiB per segment read). Two
/// concurrent refreshes of one transcript both read; the last to finish is
/// kept, and either result is consistent.
///
/// Freshness: the catalog is scanned on first use, by every `listWorkers`,
/// and again when `worker(_:)` misses; `summary()` reuses the last scan.
/// Transcripts are re-read incrementally on every `transcript`,
/// `transcriptTail` and `poll` call.
public final class LocalCompatSource: RuntimeSource {
    public let runtimeId = LocalCompatIdentity.runtimeId.rawValue
    public let implementationKind = ImplementationKind.localCompatibility
    public let displayName = LocalCompatIdentity.displayName
    private let catalog: LegacyWorkerCatalog
    /// A lock ThreadSanitizer understands: entry points run concurrently on
    /// `BlockingIO`, and TSan cannot see `Mutex`'s futex hand-over (see
    /// `PthreadMutex`), so it reported this state as raced.
    let state = PthreadMutex(State())

    struct State {
        var snapshot: LegacyCatalogSnapshot?
        var transcripts: [WorkerId: TranscriptState] = [:]
    }

    /// A worker's transcript reader and the findings of its reads since the
    /// last reset.
    struct TranscriptState {
        var transcript: LegacyTranscript
        var diagnostics: [Diagnostic] = []
    }

    /// Pause between reads of an observed segment.
    let pollInterval: Duration

    public init(catalog: LegacyWorkerCatalog, pollInterval: Duration = .seconds(1)) {
        self.catalog = catalog
        self.pollInterval = pollInterval
    }

    /// The source for a workspace, or nil when `[local_compat] enabled = false`.
    /// `environment` is the process environment (injected, never read here).
    public convenience init?(environment: [String: String], config: LocalCompatConfig, workspaceRoot: String) {
        guard let paths = LegacyPaths.resolve(environment: environment, config: config) else { return nil }
        self.init(catalog: LegacyWorkerCatalog(paths: paths, workspaceRoot: workspaceRoot))
    }

    // MARK: Catalog

    /// Scans now and keeps the result. Transcript readers of workers that
    /// vanished or now point at another segment are dropped.
    @discardableResult
    func rescan() -> LegacyCatalogSnapshot {
        let snapshot = catalog.scan()
        state.withLock { state in
            state.snapshot = snapshot
            state.transcripts = state.transcripts.filter { id, read in
                snapshot.worker(id).map { $0.segment == read.transcript.segment && $0.hasTranscript } ?? false
            }
        }
        return snapshot
    }

    /// The last scan, scanning first if there is none.
    func currentSnapshot() -> LegacyCatalogSnapshot {
        state.withLock(\.snapshot) ?? rescan()
    }

    // Every entry point reads files (a scan re-reads torn metadata after a
    // pause): the work runs on `BlockingIO`, never on the cooperative pool.

    public func summary() async -> RuntimeSummary {
        await BlockingIO.run { self.summaryNow() }
    }

    private func summaryNow() -> RuntimeSummary {
        let snapshot = currentSnapshot()
        let capabilities = Capabilities(canListWorkers: true, canGetWorker: true, canReadTranscript: true, readOnly: true)
        let counts = RuntimeSummary.Counts(
            workers: snapshot.workers.count,
            active: snapshot.count(.active) + snapshot.count(.live))
        let general = snapshot.diagnostics.filter { $0.workerId == nil }
        return RuntimeSummary(
            runtimeId: runtimeId, displayName: displayName, implementationKind: implementationKind,
            status: snapshot.dataDirectoryFound ? .available : .degraded,
            capabilities: capabilities, counts: counts,
            diagnostics: Diagnostic.capped(general, kind: implementationKind))
    }

    /// Rescans, then the first `limit` workers (1 or more) in scan order.
    public func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] {
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1") }
        return await BlockingIO.run {
            let snapshot = self.rescan()
            return snapshot.workers.prefix(limit).map { self.project($0, snapshot: snapshot) }
        }
    }

    public func worker(_ id: String) async throws(SourceError) -> WorkerSummary? {
        await BlockingIO.run { self.workerNow(id) }
    }

    private func workerNow(_ id: String) -> WorkerSummary? {
        guard let workerId = WorkerId(rawValue: id) else { return nil }
        var snapshot = currentSnapshot()
        if snapshot.worker(workerId) == nil { snapshot = rescan() }
        return snapshot.worker(workerId).map { project($0, snapshot: snapshot) }
    }

    // MARK: Transcript

    public func transcript(_ worker: String, start: Int, limit: Int) async throws(SourceError) -> TranscriptPage {
        try await BlockingIO.run { () throws(SourceError) -> TranscriptPage in
            let transcript = try self.refreshed(worker).transcript
            do throws(RuntimeError) { return Projector.page(try transcript.page(start: start, limit: limit)) } catch { throw .runtime(error) }
        }
    }

    public func transcriptTail(_ worker: String, limit: Int) async throws(SourceError) -> TranscriptPage {
        try await BlockingIO.run { () throws(SourceError) -> TranscriptPage in
            let transcript = try self.refreshed(worker).transcript
            do throws(RuntimeError) { return Projector.page(try transcript.tail(limit: limit)) } catch { throw .runtime(error) }
        }
    }

    /// Reads what the worker's segment gained since the last read, for a
    /// polling observer: `.entry` for each new item, or one `.workerChanged`
    /// when the transcript was reset (rewound, vanished) or a read found
    /// something not reported before. Empty when nothing changed, so a
    /// missing segment is announced once, not on every poll.
    public func poll(_ worker: String) async throws(SourceError) -> [LiveUpdate] {
        try await BlockingIO.run { () throws(SourceError) -> [LiveUpdate] in try self.pollNow(worker) }
    }

    private func pollNow(_ worker: String) throws(SourceError) -> [LiveUpdate] {
        let read = try refreshed(worker)
        let key = WorkerKey(runtimeId: runtimeId, workerId: worker)
        let snapshot = currentSnapshot()
        if read.update.reset || read.newFindings,
           let record = WorkerId(rawValue: worker).flatMap(snapshot.worker) {
            return [.workerChanged(project(record, snapshot: snapshot))]
        }
        guard let appended = read.update.appended else { return [] }
        return read.transcript.entries[(appended.lowerBound - 1)..<appended.upperBound].map { .entry(key, TranscriptItem($0)) }
    }

    /// Refreshes the worker's transcript reader (creating it on first use)
    /// and stores it back with its findings; `newFindings` says whether the
    /// read added a diagnostic not already on the worker.
    func refreshed(_ worker: String) throws(SourceError)
        -> (transcript: LegacyTranscript, update: LegacyTranscript.Update, newFindings: Bool) {
        guard let workerId = WorkerId(rawValue: worker) else { throw .unknownWorker(worker) }
        var snapshot = currentSnapshot()
        if snapshot.worker(workerId) == nil { snapshot = rescan() }
        guard let record = snapshot.worker(workerId) else { throw .unknownWorker(worker) }
        var current = state.withLock { $0.transcripts[workerId] }
            ?? TranscriptState(transcript: LegacyTranscript(worker: record, paths: catalog.paths))
        let update = current.transcript.refresh()
        if update.reset { current.diagnostics = [] }
        let newFindings = update.diagnostics.contains { !current.diagnostics.contains($0) }
        current.diagnostics = Self.merged(current.diagnostics, update.diagnostics)
        state.withLock { $0.transcripts[workerId] = current }
        return (current.transcript, update, newFindings)
    }

    /// Appends new findings, dropping exact repeats (a missing segment is
    /// reported once, not once per read) and keeping the most recent 64.
    static func merged(_ old: [Diagnostic], _ new: [Diagnostic]) -> [Diagnostic] {
        var list = old
        for diagnostic in new where !list.contains(diagnostic) { list.append(diagnostic) }
        return Array(list.suffix(64))
    }
}
