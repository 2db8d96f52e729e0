/// A live, unpersisted event of one worker, for consoles that watch it.
/// Committed entries are announced too, so a watcher can replace streamed
/// text with the committed entry.
public enum LiveEvent: Hashable, Sendable {
    case turnStarted(TurnId)
    case textDelta(TurnId, String)
    /// Everything the turn streamed since its last committed entry, sent
    /// only on request (`sendTextSoFar`): it replaces a watcher's text of
    /// the turn, the deltas after it append.
    case textSoFar(TurnId, String)
    case retrying(TurnId, String)
    case usage(TurnId, TokenUsage)
    case entryCommitted(TranscriptEntry)
    case turnEnded(TurnId, TurnEnding)
    /// The worker's catalog row changed (status, execution, counters), with
    /// the worker's diagnostics as they are now (so a watcher never loses them).
    case workerChanged(WorkerRecord, diagnostics: [RuntimeDiagnostic])
    /// The worker was deleted: watchers drop it.
    case workerDeleted
}

public enum TurnEnding: String, Hashable, Sendable {
    case completed, failed, interrupted, stopped, cancelled
}

/// A live event with the worker it belongs to.
public struct WorkerLiveEvent: Hashable, Sendable {
    public var ref: WorkerRef
    public var event: LiveEvent

    public init(ref: WorkerRef, event: LiveEvent) {
        self.ref = ref
        self.event = event
    }
}
