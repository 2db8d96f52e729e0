import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct CreateWorkerTests {
    /// Nothing of a failed create may remain: no worker, no event beyond
    /// runtime_started, no bundle, no transcript.
    func expectNothingPersisted(_ store: MemoryStore, _ runtime: WorkerRuntime) async throws {
        let snapshot = try store.load()
        #expect(snapshot.workers.isEmpty)
        #expect(snapshot.bundles.isEmpty)
        #expect(try store.events(from: 1, limit: 100).map(\.kind) == [.runtimeStarted])
        #expect(try await runtime.listWorkers(limit: 10).isEmpty)
        #expect(await runtime.summary().counts.workers == 0)
    }

    @Test func createCommitsRowEventAndFirstEntryTogether() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let record = try await runtime.createWorker(profile: "default", label: "coder", initialInput: "hello")
        #expect(record.ref.workerId.rawValue == "worker-00000001")
        #expect(record.execution.backend == .connected)
        #expect(record.execution.runState == .busy)
        #expect(record.execution.binding == "test-backend")
        #expect(record.model == "test/model")
        #expect(record.configBundle.id == "workspace-runtime-default")
        #expect(try store.events(from: 1, limit: 10).map(\.kind) == [.runtimeStarted, .workerCreated, .workerInputAccepted])
        #expect(try await contents(runtime, record.ref) == ["user/message: hello"])
        #expect(try store.load().bundles.map(\.metadata.id) == ["workspace-runtime-default"])
    }

    @Test func spawnFailureRollsBack() async throws {
        for behaviour in [TestBackend.SpawnBehaviour.reject("no capacity"), .error("crashed")] {
            let store = MemoryStore()
            let backend = TestBackend()
            backend.set { $0.spawn = behaviour }
            let runtime = try makeRuntime(store: store, backend: backend)
            let error = await runtimeError { _ = try await runtime.createWorker(profile: "default", initialInput: "hi") }
            guard case let .executionRejected(_, operation, _, _) = error else {
                Issue.record("expected executionRejected, got \(String(describing: error))"); continue
            }
            #expect(operation == .spawn)
            try await expectNothingPersisted(store, runtime)
            #expect(backend.recorded.withLock { $0.inputs.isEmpty })
        }
    }

    @Test func failedInitialInputRollsBackAndCancelsTheExecution() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        backend.set { $0.turn = .reject("bad input") }
        let runtime = try makeRuntime(store: store, backend: backend)
        let error = await runtimeError { _ = try await runtime.createWorker(profile: "default", initialInput: "hi") }
        #expect(error == .executionRejected(WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 1)), .input, .rejected, "bad input"))
        try await expectNothingPersisted(store, runtime)
        #expect(backend.recorded.withLock { $0.cancels } == [ExecutionHandle("exec-1")])

        // The next create gets a fresh id: a failed create leaves a gap, never a reuse.
        backend.set { $0.turn = .hold }
        let next = try await runtime.createWorker(profile: "default")
        #expect(next.ref.workerId.rawValue == "worker-00000002")
    }

    @Test func missingBundleAndBadBundleRefsAreRefused() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        let missing = await runtimeError {
            _ = try await runtime.createWorker(profile: "default", configBundle: ConfigBundleRef(id: "team", digest: "00"))
        }
        #expect(missing == .configBundleMissing(id: "team"))
        try await expectNothingPersisted(store, runtime)

        let bundle = BundleTests.sample()
        try await runtime.storeBundle(bundle)
        let mismatch = await runtimeError {
            _ = try await runtime.createWorker(profile: "default", configBundle: ConfigBundleRef(id: bundle.metadata.id, digest: "ff"))
        }
        #expect(mismatch == .configBundleDigestMismatch)
        let undeclared = await runtimeError {
            _ = try await runtime.createWorker(profile: "scripted", configBundle: bundle.ref)
        }
        #expect(undeclared?.code == "invalid_profile_selector")
        let created = try await runtime.createWorker(profile: "default", configBundle: bundle.ref)
        #expect(created.configBundle == bundle.ref)
    }

    @Test func noBackendRefusesCreate() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store, backend: nil)
        let error = await runtimeError { _ = try await runtime.createWorker(profile: "default", initialInput: "hi") }
        #expect(error == .executionBackendUnavailable)
        try await expectNothingPersisted(store, runtime)
    }

    @Test func unknownOrUnresolvedProfileIsRefused() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        backend.set { $0.profiles["default"] = .unresolved(reason: "no provider configured") }
        let runtime = try makeRuntime(store: store, backend: backend)
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "default") }
            == .profileUnresolved(profile: "default", reason: "no provider configured"))
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "nope") }
            == .profileUnresolved(profile: "nope", reason: "no such profile"))
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "../x") }?.code == "invalid_profile_selector")
        #expect(await runtimeError { _ = try await runtime.createWorker(profile: "scripted", initialInput: "  \n") }
            == .invalidRequest("input is blank"))
        try await expectNothingPersisted(store, runtime)
    }

    @Test func synchronousInitialReplyFollowsTheUserEntry() async throws {
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("hi there") }
        let runtime = try makeRuntime(backend: backend)
        let record = try await runtime.createWorker(profile: "default", initialInput: "hello")
        #expect(try await contents(runtime, record.ref) == ["user/message: hello", "assistant/message: hi there"])
        #expect(try await runtime.worker(record.ref).execution.runState == .idle)
    }
}
