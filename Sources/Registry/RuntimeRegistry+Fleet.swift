import Foundation

/// Managing a fleet of workers (issue 16): archive, delete, fork. Routed
/// like every worker operation; sources without them (local compatibility)
/// answer `unsupported`.
extension RuntimeRegistry {
    /// Hides the worker from default lists (`archived`), or shows it again.
    public func setArchived(_ key: WorkerKey, _ archived: Bool) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.setArchived(key.workerId, archived) }
    }

    /// Deletes the worker, its transcript and events; refused (`busy`)
    /// while a turn runs.
    public func delete(_ key: WorkerKey) async throws(RegistryError) -> DeletedWorker {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in try await source.delete(key.workerId) }
    }

    /// A new worker seeded with the transcript up to entry `at` (nil: all).
    public func fork(_ key: WorkerKey, at entry: Int?, label: String?) async throws(RegistryError) -> WorkerSummary {
        let source = try await route(key)
        return try await call(source, key) { () async throws(SourceError) in
            try await source.fork(key.workerId, at: entry, label: label)
        }
    }
}
