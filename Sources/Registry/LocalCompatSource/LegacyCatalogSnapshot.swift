import Runtime

/// The result of one scan of the legacy records: the workers visible in the
/// console's workspace, in scan order, and what the scan found wrong.
/// Holds no path, pid or socket.
public struct LegacyCatalogSnapshot: Hashable, Sendable, Encodable {
    /// False when the legacy data dir does not exist (the source is degraded).
    public let dataDirectoryFound: Bool
    /// Visible workers; ids are unique.
    public let workers: [LegacyWorker]
    /// Catalog-wide and per-record findings, in the order found.
    public let diagnostics: [Diagnostic]
    /// Record directories seen on disk (both locations, a name counted once),
    /// up to the listing bound; at least `workers.count`.
    public let recordsOnDisk: Int
    /// Records whose metadata was read (≤ `LegacyWorkerCatalog.maxRecords`).
    public let recordsRead: Int

    public init(dataDirectoryFound: Bool, workers: [LegacyWorker], diagnostics: [Diagnostic],
                recordsOnDisk: Int, recordsRead: Int) {
        self.dataDirectoryFound = dataDirectoryFound
        self.workers = workers
        self.diagnostics = diagnostics
        self.recordsOnDisk = recordsOnDisk
        self.recordsRead = recordsRead
    }

    /// The visible worker with this id, if any.
    public func worker(_ id: WorkerId) -> LegacyWorker? {
        workers.first { $0.workerId == id }
    }

    /// Workers by status, for runtime summaries.
    public func count(_ status: LegacyWorkerStatus) -> Int {
        workers.reduce(0) { $0 + ($1.status == status ? 1 : 0) }
    }
}
