import Dispatch
import Synchronization
import Testing
@testable import Runtime

/// `StoreExecutor.post`: bodies are coalesced into one run of the queue,
/// and never run after anything that came after them.
@Suite(.timeLimit(.minutes(1))) struct PostedBodiesTests {
    /// An actor on a `StoreExecutor`, recording what ran in order.
    actor Recorder {
        nonisolated let executor: StoreExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        var seen: [Int] = []

        init(coalescing: DispatchTimeInterval) {
            executor = StoreExecutor(label: "test.posted", coalescing: coalescing)
        }

        nonisolated func post(_ value: Int, then: (@Sendable (Recorder) -> Void)? = nil) {
            executor.post { [self] in
                assumeIsolated { recorder in
                    recorder.seen.append(value)
                    then?(recorder)
                }
            }
        }

        func snapshot() -> [Int] { seen }

        /// Posts from inside a job (the actor already running), then settles
        /// as the runtime's handlers do before their own work.
        func postThenSettle() -> [Int] {
            post(0)
            post(1)
            post(2)
            executor.runPosted()
            seen.append(99)
            return seen
        }

        func settle() { executor.runPosted() }
    }

    /// An hour: the coalescing flush never fires during the test, so only
    /// the ordering rules can run the bodies.
    static let never = DispatchTimeInterval.seconds(3600)

    @Test func aJobEnqueuedAfterPostsRunsAfterThem() async {
        let recorder = Recorder(coalescing: Self.never)
        for value in 0..<100 { recorder.post(value) }
        #expect(await recorder.snapshot() == Array(0..<100))
    }

    @Test func settlingInsideAJobRunsWhatWasPostedFirst() async {
        let recorder = Recorder(coalescing: Self.never)
        #expect(await recorder.postThenSettle() == [0, 1, 2, 99])
    }

    /// A body that posts and settles does not run the new body before the
    /// ones posted ahead of it.
    @Test func settlingFromInsideABodyKeepsTheOrder() async {
        let recorder = Recorder(coalescing: Self.never)
        recorder.post(0) { inner in
            inner.post(2)
            inner.executor.runPosted()
        }
        recorder.post(1)
        await recorder.settle()
        #expect(await recorder.snapshot() == [0, 1, 2])
    }

    @Test func postedBodiesRunWithoutAnyJobOnceTheDelayPasses() async {
        let executor = StoreExecutor(label: "test.posted.flush", coalescing: .milliseconds(1))
        let order = Mutex<[Int]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            for value in 0..<10 {
                executor.post {
                    order.withLock { $0.append(value) }
                    if value == 9 { done.resume() }
                }
            }
        }
        #expect(order.withLock { $0 } == Array(0..<10))
    }
}
