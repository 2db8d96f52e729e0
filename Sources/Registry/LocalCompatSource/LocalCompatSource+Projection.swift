import Foundation
import Runtime

extension LocalCompatSource {
    /// A legacy worker as the registry shows it: read-only capabilities,
    /// run state `unconnected` (this console never drives a legacy process;
    /// `status` says whether one is live),
    /// the catalog's findings about it plus its transcript's, capped.
    /// `transcript_len` and `last_activity_at` count what has been read so
    /// far (0 and nil until the transcript is first opened).
    func project(_ worker: LegacyWorker, snapshot: LegacyCatalogSnapshot) -> WorkerSummary {
        let id = worker.workerId.rawValue
        let read = state.withLock { $0.transcripts[worker.workerId] }
        let own = snapshot.diagnostics.filter { $0.workerId == id } + (read?.diagnostics ?? [])
        return WorkerSummary(
            runtimeId: runtimeId, workerId: id, label: worker.label ?? id,
            implementationKind: implementationKind, status: worker.status.projected,
            runState: .unconnected,
            profile: worker.profile, model: worker.model,
            transcriptLen: read?.transcript.entries.count ?? 0,
            lastActivityAt: read?.transcript.entries.last?.createdAt,
            capabilities: Capabilities(canListWorkers: true, canGetWorker: true,
                                       canReadTranscript: worker.hasTranscript, readOnly: true),
            diagnostics: Diagnostic.capped(own, kind: implementationKind))
    }
}
