import Dispatch
import Synchronization

/// Runs blocking file and database work (SQLite fsyncs, legacy file scans)
/// on threads of its own, never on Swift's cooperative pool: on a two-core
/// machine that pool has two threads, and one blocked `fsync` would stall
/// every other task (the console's effects, the providers' streams).
public enum BlockingIO {
    private static let queue = DispatchQueue(label: "workerdeck.blocking-io", qos: .userInitiated, attributes: .concurrent)
    private static let key = DispatchSpecificKey<Bool>()
    static let registered: Void = queue.setSpecific(key: key, value: true)

    /// `body` on the blocking-I/O queue; the caller's task suspends meanwhile.
    public static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        _ = registered
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(E) { continuation.resume(returning: .success(try body())) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Whether the caller runs on a blocking-I/O thread (this queue or a
    /// runtime's store executor), for tests and preconditions.
    public static var isOffThePool: Bool {
        DispatchQueue.getSpecific(key: key) == true || DispatchQueue.getSpecific(key: StoreExecutor.key) == true
    }
}

/// A serial executor on a dispatch queue of its own, for actors whose
/// methods call a blocking store (`WorkerRuntime`): their jobs run there,
/// in order, off the cooperative pool.
///
/// Posted bodies (streamed text, B6/B12) are coalesced: the queue runs
/// them at most once per `postCoalescing` (at once when it last did longer
/// ago than that, else when that much time has passed), so 100 streams
/// wake it about a hundred times a second, not once per delta. Every job
/// enqueued after a post, and every `runPosted()`, runs what was posted
/// before it first: order is kept.
public final class StoreExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the queue is thread-safe and the mailbox is behind its mutex.
    static let key = DispatchSpecificKey<Bool>()
    /// Well under a console frame (33 ms): the text still reaches the
    /// screen in the frame it would have.
    public static let postCoalescing = DispatchTimeInterval.milliseconds(8)
    private let queue: DispatchQueue
    private let coalescing: DispatchTimeInterval
    private let mailbox = Mutex(Mailbox())

    private struct Mailbox {
        var posted: [@Sendable () -> Void] = []
        var flushArmed = false
        var running = false
        /// When the last flush ran; a new executor counts as just flushed.
        var flushed = DispatchTime.now()
    }

    public init(label: String, coalescing: DispatchTimeInterval = StoreExecutor.postCoalescing) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
        self.coalescing = coalescing
        queue.setSpecific(key: Self.key, value: true)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { [self] in
            runPosted()
            job.runSynchronously(on: executor)
        }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Runs `body` on the queue after every job enqueued before it and
    /// before every job enqueued after it, without the caller waiting (an
    /// actor's `assumeIsolated` holds inside); at most `coalescing` later.
    func post(_ body: @escaping @Sendable () -> Void) {
        let lastFlush: DispatchTime? = mailbox.withLock { box in
            box.posted.append(body)
            guard !box.flushArmed else { return nil }
            box.flushArmed = true
            return box.flushed
        }
        guard let lastFlush else { return }
        let flush: @Sendable () -> Void = { [self] in
            mailbox.withLock { box in
                box.flushArmed = false
                box.flushed = .now()
            }
            runPosted()
        }
        let due = lastFlush + coalescing
        if DispatchTime.now() >= due {
            queue.async(execute: flush)
        } else {
            queue.asyncAfter(deadline: due, execute: flush)
        }
    }

    /// Runs every body posted so far, in order; on the queue only. A call
    /// from inside a posted body returns at once (the outer run goes on in
    /// order), so an actor may call it at the top of any handler.
    func runPosted() {
        dispatchPrecondition(condition: .onQueue(queue))
        while true {
            let bodies: [@Sendable () -> Void]? = mailbox.withLock { box in
                guard !box.running, !box.posted.isEmpty else { return nil }
                box.running = true
                let taken = box.posted
                box.posted = []
                return taken
            }
            guard let bodies else { return }
            for body in bodies { body() }
            mailbox.withLock { $0.running = false }
        }
    }

    public func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
