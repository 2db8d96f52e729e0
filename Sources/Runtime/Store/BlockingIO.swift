import Dispatch

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
public final class StoreExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the only stored property is an immutable DispatchQueue,
    // which is thread-safe.
    static let key = DispatchSpecificKey<Bool>()
    private let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
        queue.setSpecific(key: Self.key, value: true)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Runs `body` on the queue after every job enqueued before it, without
    /// the caller waiting (an actor's `assumeIsolated` holds inside).
    func post(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }

    public func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
