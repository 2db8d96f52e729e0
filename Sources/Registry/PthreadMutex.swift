#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind a `pthread_mutex_t`, with the same `withLock` shape as
/// `Synchronization.Mutex`, for state shared by many threads where
/// ThreadSanitizer must see the lock.
///
/// Why not `Mutex`: on Linux, `Synchronization.Mutex` takes its fast path
/// with an atomic compare-exchange inlined into the caller, but under
/// contention it hands the lock over in the kernel (`futex` with
/// `FUTEX_LOCK_PI` / `FUTEX_UNLOCK_PI`, issued as raw `syscall`s from the
/// uninstrumented `libswiftSynchronization.so`). TSan intercepts
/// `pthread_mutex_*`, not futexes, so after a contended hand-over it sees
/// two threads touch the value with no happens-before edge and reports a
/// "Swift access race" that is not there. `make tsan` went red on exactly
/// that in `InternTable.id(for:)` (issue 11, item 13).
///
/// Reproduction (Swift 6.3.1, x86_64 Linux; /tmp, outside the package):
/// two `Thread`s each do 10,000 `withLock { $0 += 1 }` on one `Mutex(0)`;
/// the same program with `NSLock`, and with a `pthread_mutex_t`, guards a
/// plain `var`. Built with `swiftc -sanitize=thread -g -Onone X.swift`:
///
///     ./mutex    → WARNING: ThreadSanitizer: Swift access race (pid=6554)
///                  SUMMARY: ThreadSanitizer: Swift access race
///                    /tmp/tsan-repro/mutex.swift in $s5mutexyyYbcfU0_ySizYuYTXEfU_
///                  count = 20000 expected 20000
///                  ThreadSanitizer: reported 2 warnings   (exit 66)
///     ./nslock   → count = 20000 expected 20000           (exit 0)
///     ./pthread  → count = 20000 expected 20000           (exit 0)
///
/// Over 30 more runs each, `mutex` exited 66 in 18 (only runs with
/// contention can be reported), `nslock` and `pthread` in none; the count
/// was always exact, so the lock works and the report is TSan's blind spot.
/// `strace -f -e trace=futex ./mutex` shows the hand-overs:
/// `FUTEX_LOCK_PI_PRIVATE` and `FUTEX_UNLOCK_PI_PRIVATE` (11 each in one
/// run); `nslock` issues neither. In the package,
/// `CellTests.concurrentInterningAgreesOnOneIdPerName` under TSan reported
/// `InternTable.id(for:)` in 5 of 5 runs behind `Mutex`, 0 of 5 behind this.
///
/// The other `Mutex`es in the package are just as invisible to TSan, which
/// can only cost false reports, never hide a real race; none is reported by
/// `make tsan` today. Move one here if it ever is, rather than suppressing.
public final class PthreadMutex<Value: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value; not reentrant.
    public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        let status = pthread_mutex_lock(mutex)
        precondition(status == 0, "pthread_mutex_lock failed: \(status)")
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
