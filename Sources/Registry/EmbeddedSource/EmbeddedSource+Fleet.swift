import Foundation
import Runtime

/// Archive, delete and fork as direct calls on the runtime.
extension EmbeddedSource {
    public func setArchived(_ worker: String, _ archived: Bool) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return await summary(of: try await runtime.setArchived(ref, archived), in: runtime) } catch { throw .runtime(error) }
    }

    public func delete(_ worker: String) async throws(SourceError) -> DeletedWorker {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do {
            let receipt = try await runtime.deleteWorker(ref)
            return DeletedWorker(runtimeId: runtimeId, workerId: worker, eventId: receipt.eventId,
                                 directoryRemoved: receipt.directoryRemoved)
        } catch {
            throw .runtime(error)
        }
    }

    public func fork(_ worker: String, at entry: Int?, label: String?) async throws(SourceError) -> WorkerSummary {
        let runtime = try runtime()
        let ref = try ref(runtime, worker)
        do { return await summary(of: try await runtime.fork(ref, at: entry, label: label), in: runtime) } catch { throw .runtime(error) }
    }
}
