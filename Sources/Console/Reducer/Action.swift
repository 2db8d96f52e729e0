import Registry

/// Something that happened: a key, a paste, a registry reply or event.
/// Past tense. Replies carry the worker (and turn) they are about, and the
/// reducer drops replies about workers or turns it no longer shows.
public enum Action: Hashable, Sendable {
    /// The loop started; load what the registry has.
    case launched
    case keyPressed(KeyChord)
    case pasted(String)
    /// The keys read together from the terminal have all been reduced. A
    /// confirmation opened by one of them takes keys only after this.
    case inputBurstEnded
    case terminalResized(Size)
    case spinnerTicked
    /// SIGTERM/SIGHUP/SIGINT: quit now, without confirmation.
    case terminationRequested

    case runtimesLoaded([RuntimeRow])
    /// A runtime's status changed: both lists are re-read.
    case runtimeChanged
    case workersLoaded([WorkerRow])
    case transcriptPageLoaded(WorkerKey, start: Int, total: Int, items: [TranscriptRow])

    case workerChanged(WorkerRow)
    case turnStarted(WorkerKey, turn: String)
    case turnDeltaArrived(WorkerKey, turn: String, text: String)
    /// Everything the turn streamed since its last committed entry (sent
    /// when the worker comes on screen mid-turn): replaces its live text.
    case turnTextSoFar(WorkerKey, turn: String, text: String)
    case entryCommitted(WorkerKey, TranscriptRow)
    case turnEnded(WorkerKey, turn: String, outcome: TurnOutcome)

    case workerCreated(WorkerRow)
    /// Creating failed: the dialog comes back with what was typed and why.
    case createFailed(message: String)
    case inputAccepted(WorkerKey)
    /// Sending `text` failed: it goes back to the composer, not lost.
    case sendFailed(WorkerKey, text: String, message: String)
    /// A lifecycle operation succeeded; `workers` is the list after it.
    case lifecycleCompleted(WorkerTarget.Operation, WorkerKey, workers: [WorkerRow])
    /// `:rename` was taken; the worker as it is now.
    case workerRenamed(WorkerRow)
    /// `:archive` or `:unarchive` was taken; the worker as it is now.
    case workerArchived(WorkerRow)
    /// `:delete` was confirmed and taken: the worker is gone.
    case workerDeleted(WorkerKey)
    /// A worker was deleted, by this console or another client (live).
    case workerRemoved(WorkerKey)
    /// `:fork` made a new worker.
    case workerForked(WorkerRow)
    /// Stale workers were reconnected (at start, or `R` on a runtime).
    case staleReconnected([ReconnectReport])
    /// `:takeover` succeeded; the runtimes as they are now.
    case tookOver([RuntimeRow])
    /// An operation failed; `message` is one operator-facing sentence.
    case operationFailed(String, message: String)
    case noticePosted(String)
    /// Configuration problems found at start or on `:theme` (file and key named).
    case configProblemsFound([String])
    case themeSwitched(String)
    case flashExpired(Int)
    /// Time to re-read the worker lists of sources that do not push changes.
    case listRefreshDue

    /// The worker's pending call for the review (nil: none is pending).
    case approvalLoaded(WorkerKey, ApprovalRow?)
    /// An answer was taken; `worker` is the worker after it.
    case approvalAnswered(WorkerKey, tool: String, ApprovalDecision, worker: WorkerRow)
    /// Another client answered first (`approval_not_pending`).
    case approvalAlreadyAnswered(WorkerKey)

    /// The worker's directory diff, sanitised.
    case diffLoaded(WorkerKey, DiffText)
    /// It could not be read (not a git repository, unsupported source, …).
    case diffFailed(WorkerKey, message: String)

    /// `:grep`'s matches across every runtime, newest first, sanitised.
    case searchLoaded(query: String, [GrepMatch])
    /// The search could not run (no word in the text, …).
    case searchFailed(query: String, message: String)
}

/// A request for the loop to run. Each names the worker it is about.
public enum Effect: Hashable, Sendable {
    case loadRuntimes
    case loadWorkers
    case loadTranscriptPage(WorkerKey, start: Int, limit: Int)
    case sendInput(WorkerKey, String)
    case interrupt(WorkerKey)
    case stop(WorkerKey)
    case cancel(WorkerKey)
    case reconnect(WorkerKey)
    case createWorker(runtimeId: String, CreateWorkerRequest)
    /// Set the worker's label (`workerRenamed`, or `operationFailed`).
    case rename(WorkerKey, label: String)
    /// Archive (true) or unarchive (`workerArchived`, or `operationFailed`).
    case setArchived(WorkerKey, Bool)
    /// Delete, after the confirmation (`workerDeleted`, or `operationFailed`).
    case delete(WorkerKey)
    /// Fork up to an entry, nil: all (`workerForked`, or `operationFailed`).
    case fork(WorkerKey, at: Int?)
    case switchTheme(String)
    case copyToClipboard(String)
    case takeOver
    /// Reconnect the stale workers of a runtime (nil: of every runtime).
    case reconnectStale(runtimeId: String?)
    case expireFlash(Int, afterSeconds: Int)
    /// Follow this worker's updates (nil: follow none). Only for workers whose
    /// source does not push them (local compatibility); one at a time.
    case watch(WorkerKey?)
    /// Post `listRefreshDue` after this many seconds.
    case refreshListAfter(seconds: Int)
    /// Read the worker's pending tool call (`approvalLoaded`).
    case loadApproval(WorkerKey)
    /// Answer the worker's pending call `callId` (of `tool`, for the report).
    case answerApproval(WorkerKey, callId: String, tool: String, ApprovalDecision)
    /// Read the worker's directory diff (`diffLoaded` or `diffFailed`).
    case loadDiff(WorkerKey)
    /// Search every runtime's transcripts (`searchLoaded` or `searchFailed`).
    case search(String)
    /// Tell the operator about a worker not in front of them (`[notify]`:
    /// bell, OSC, command), performed by the terminal layer and the loop.
    case notify(WorkerNotice)
    case quit
}

/// Something a worker out of sight did that the operator should know.
public struct WorkerNotice: Hashable, Sendable {
    /// Raw values are what a notify command gets as `WORKERDECK_STATUS`.
    public enum Event: String, Hashable, Sendable {
        case needsYou = "needs_approval"
        case finished = "idle"
        case failed = "errored"
    }

    public var worker: WorkerKey
    /// Sanitised display name.
    public var label: String
    public var event: Event

    public init(worker: WorkerKey, label: String, event: Event) {
        self.worker = worker; self.label = label; self.event = event
    }

    /// One line for the terminal notification.
    public var message: String {
        switch event {
        case .needsYou: "\(label) needs you"
        case .finished: "\(label) finished its turn"
        case .failed: "\(label) failed"
        }
    }
}
