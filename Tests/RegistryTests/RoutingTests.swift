import Foundation
import Registry
import Runtime
import Testing
import TestSupport

/// A source that implements only what the protocol requires.
struct MinimalSource: RuntimeSource {
    let runtimeId: String
    let implementationKind = ImplementationKind.localCompatibility
    let ids: [String]

    func summary() async -> RuntimeSummary {
        RuntimeSummary(runtimeId: runtimeId, displayName: "Minimal", implementationKind: implementationKind,
                       status: .available, capabilities: Capabilities(canListWorkers: true, canGetWorker: true),
                       counts: .init(workers: ids.count), diagnostics: [])
    }

    func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] {
        ids.prefix(limit).map { WorkerSummary(runtimeId: runtimeId, workerId: $0, label: $0,
                                              implementationKind: implementationKind, status: .active, runState: .unconnected) }
    }

    func worker(_ id: String) async throws(SourceError) -> WorkerSummary? {
        try await listWorkers(limit: 100).first { $0.workerId == id }
    }
}

func registryError(_ body: () async throws -> Void) async -> RegistryError? {
    do {
        try await body()
        return nil
    } catch let error as RegistryError {
        return error
    } catch {
        Issue.record("expected a RegistryError, got \(error)")
        return nil
    }
}

func embedded(id: RuntimeId = .embedded, backend: TestBackend = TestBackend(), store: any RuntimeStore = MemoryStore()) throws -> EmbeddedSource {
    EmbeddedSource(runtime: try WorkerRuntime(id: id, workspaceId: "ws-0123456789ab", store: store, backend: backend, now: { fixedDate }))
}

@Suite struct RoutingTests {
    @Test func registrationKeepsOrderAndRejectsDuplicates() async throws {
        let registry = RuntimeRegistry()
        try registry.register(try embedded())
        try registry.register(MinimalSource(runtimeId: "local-compat", ids: []))
        #expect(registry.runtimeIds == ["backend-internal", "local-compat"])
        #expect(await registry.runtimes().map(\.implementationKind) == [.embeddedWorkerRuntime, .localCompatibility])
        let duplicate = await registryError { try registry.register(MinimalSource(runtimeId: "local-compat", ids: [])) }
        #expect(duplicate?.exitCode == 2)
        #expect(try await registry.unregister("local-compat", ifIdle: true))
        #expect(registry.runtimeIds == ["backend-internal"])
    }

    @Test func unregisterIfIdleKeepsABusySource() async throws {
        let backend = TestBackend()
        let source = try embedded(backend: backend)
        let registry = RuntimeRegistry()
        try registry.register(source)
        let worker = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default"))
        _ = try await registry.sendInput(worker.key, text: "busy now")
        #expect(try await !registry.unregister("backend-internal", ifIdle: true))
        #expect(try await registry.unregister("backend-internal", ifIdle: false))
    }

    @Test func identifiersAreValidatedBeforeAnyLookup() async throws {
        let registry = RuntimeRegistry()
        try registry.register(try embedded())
        for bad in ["", "../x", "a b", "worker-1.2", "/tmp/agent.sock", String(repeating: "a", count: 121), "é"] {
            #expect(await registryError { _ = try await registry.worker(WorkerKey(runtimeId: "backend-internal", workerId: bad)) }
                == .invalidIdentifier(.worker, value: String(bad.prefix(120))))
            // Validation comes first: even for a runtime that does not exist.
            #expect(await registryError { _ = try await registry.worker(WorkerKey(runtimeId: "nowhere", workerId: bad)) }?.code == "invalid_identifier")
            #expect(await registryError { _ = try await registry.workers(runtime: bad) } == .invalidIdentifier(.runtime, value: String(bad.prefix(120))))
        }
        let message = RegistryError.invalidIdentifier(.worker, value: "/tmp/agent.sock").message
        #expect(!message.contains("/tmp") && !message.contains(".sock"))
        #expect(await registryError { _ = try await registry.worker(WorkerKey(runtimeId: "nowhere", workerId: "w")) } == .unknownRuntime("nowhere"))
        #expect(await registryError { _ = try await registry.worker(WorkerKey(runtimeId: "backend-internal", workerId: "worker-00000001")) }
            == .unknownWorker(runtime: "backend-internal", worker: "worker-00000001"))
        #expect(RegistryError.unknownRuntime("x").exitCode == 3)
    }

    @Test func theSameWorkerIdInTwoRuntimesResolvesSeparately() async throws {
        let registry = RuntimeRegistry()
        try registry.register(try embedded())
        try registry.register(try embedded(id: RuntimeId("second-runtime")))
        let first = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default", label: "one"))
        let second = try await registry.createWorker(runtime: "second-runtime", CreateWorkerRequest(profile: "default", label: "two"))
        #expect(first.workerId == second.workerId)
        #expect(try await registry.worker(first.key).label == "one")
        #expect(try await registry.worker(second.key).label == "two")
        _ = try await registry.stop(second.key)
        #expect(try await registry.worker(first.key).status == .idle)
        #expect(try await registry.worker(second.key).status == .stopped)
    }

    @Test func seedAcceptanceThroughTheEmbeddedSource() async throws {
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("pong") }
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend))
        let summary = try await registry.runtime("backend-internal")
        #expect(summary.displayName == "Embedded runtime")
        #expect(summary.implementationKind == .embeddedWorkerRuntime)
        #expect(summary.status == .running)
        #expect(summary.capabilities.canCreateWorker && summary.capabilities.canAcceptInput && !summary.capabilities.readOnly)

        let created = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "scripted", label: "tools-less"))
        #expect(created.status == .idle && created.model == "scripted/echo" && created.capabilities.canAcceptInput)
        let accepted = try await registry.sendInput(created.key, text: "ping")
        #expect(accepted.transcriptSequence == 1)
        let listed = try await registry.workers()
        #expect(listed.map(\.workerId) == [created.workerId])
        let detail = try await registry.worker(created.key)
        #expect(detail.transcriptLen == 2 && detail.usage == Usage(input: 10, output: 5))
        let page = try await registry.transcript(created.key, start: 0, limit: 10)
        #expect(page.items.map(\.content) == ["ping", "pong"])
        #expect(page.totalItems == 2 && page.nextStart == nil)
        let events = try await registry.events(runtime: "backend-internal", from: 1, limit: 10)
        #expect(events.events.map(\.kind) == ["runtime_started", "worker_created", "worker_input_accepted", "worker_turn_completed"])
    }

    @Test func unsupportedOperationsAreTypedWithADiagnostic() async throws {
        let registry = RuntimeRegistry()
        try registry.register(MinimalSource(runtimeId: "local-compat", ids: ["local-api-0123"]))
        let key = WorkerKey(runtimeId: "local-compat", workerId: "local-api-0123")
        let error = await registryError { _ = try await registry.sendInput(key, text: "hi") }
        #expect(error == .unsupported(operation: "input", implementationKind: .localCompatibility))
        #expect(error?.exitCode == 5)
        #expect(error?.diagnostic?.code == "local_input_unsupported")
        #expect(error?.diagnostic?.implementationKind == .localCompatibility)
        for operation in [
            { _ = try await registry.stop(key) }, { _ = try await registry.cancel(key) },
            { _ = try await registry.interrupt(key) }, { _ = try await registry.reconnect(key) },
            { _ = try await registry.transcript(key, start: 0, limit: 1) },
        ] as [() async throws -> Void] {
            #expect(await registryError(operation)?.exitCode == 5)
        }
        #expect(await registryError { _ = try await registry.createWorker(runtime: "local-compat", CreateWorkerRequest()) }?.exitCode == 5)
    }

    @Test func runtimeErrorsBecomeFixedRegistryErrors() async throws {
        let backend = TestBackend()
        let store = MemoryStore()
        let registry = RuntimeRegistry()
        try registry.register(try embedded(backend: backend, store: store))
        let worker = try await registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default"))
        _ = try await registry.sendInput(worker.key, text: "one")
        let busy = await registryError { _ = try await registry.sendInput(worker.key, text: "two") }
        #expect(busy == .busy(worker.key) && busy?.exitCode == 4)
        #expect(await registryError { _ = try await registry.transcript(worker.key, start: 0, limit: 100_000) }
            == .invalidRequest("limit 100000 is above the maximum 256"))

        // After a restart the worker is stale: a rejection, exit 4.
        let restarted = RuntimeRegistry()
        try restarted.register(try embedded(backend: TestBackend(), store: store))
        let stale = await registryError { _ = try await restarted.sendInput(worker.key, text: "three") }
        #expect(stale?.code == "worker_stale" && stale?.exitCode == 4)
        #expect(try await restarted.worker(worker.key).status == .stale)
        #expect(try await restarted.worker(worker.key).diagnostics.map(\.code) == ["embedded_worker_execution_stale"])
        #expect(try await restarted.worker(worker.key).capabilities.canReconnect)

        // A read-only observer: runtime unavailable, exit 6.
        let observer = RuntimeRegistry()
        try observer.register(EmbeddedSource(runtime: try WorkerRuntime(workspaceId: "ws", store: ReadOnlyStore(store), backend: TestBackend())))
        let readOnly = await registryError { _ = try await observer.stop(worker.key) }
        #expect(readOnly == .readOnly)
        #expect(readOnly?.code == "read_only" && readOnly?.message == "this runtime is read-only from here")
        #expect(readOnly?.exitCode == 6)
        #expect(try await observer.runtime("backend-internal").status == .readOnly)
    }

    @Test func anUnavailableStoreLeavesTheSourceListedAndOthersWorking() async throws {
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(unavailable: .storeCorrupt("quick_check failed")))
        try registry.register(MinimalSource(runtimeId: "local-compat", ids: ["local-a"]))
        let summaries = await registry.runtimes()
        #expect(summaries.map(\.status) == [.unavailable, .available])
        #expect(summaries[0].diagnostics.map(\.code) == ["embedded_store_corrupt"])
        #expect(summaries[0].diagnostics.first?.implementationKind == .embeddedWorkerRuntime)
        #expect(try await registry.workers().map(\.workerId) == ["local-a"])
        let error = await registryError { _ = try await registry.workers(runtime: "backend-internal") }
        #expect(error == .runtimeUnavailable(code: "store_corrupt", message: "store corrupt: quick_check failed"))
    }

    @Test func diagnosticListsAreCappedWithAMoreLine() {
        let many = (0..<20).map { Diagnostic(code: "local_x\($0)", severity: .info, message: "m", implementationKind: .localCompatibility) }
        let capped = Diagnostic.capped(many, kind: .localCompatibility)
        #expect(capped.count == 16)
        #expect(capped.last?.message == "+5 more")
        #expect(Diagnostic.capped(Array(many.prefix(16)), kind: .localCompatibility).count == 16)
    }

    @Test func redactorRemovesPathsAndKeys() {
        #expect(Redactor.redact("failed at /home/dev/.local/share/x.sqlite now") == "failed at [redacted] now")
        #expect(Redactor.redact("socket ~/run/agent.sock gone") == "socket [redacted] gone")
        #expect(Redactor.redact("Authorization: Bearer abc.def") == "Authorization: Bearer [redacted]")
        #expect(Redactor.redact("key sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345") == "key [redacted]")
        #expect(Redactor.redact("url https://h/x?api_key=1") == "url [redacted]")
        // Each marker, without a leading slash and in any case.
        for word in ["agent.SOCK", "old-sessions/7", "Metadata.json", "store.sqlite-wal", "API_KEY=x", "Token=abc",
                     "https://h/?q", "\"relay.sock\","] {
            #expect(Redactor.redact("at \(word) now") == "at [redacted] now", "\(word)")
        }
        #expect(Redactor.redact("the socket's sessions are fine: 3 keys") == "the socket's sessions are fine: 3 keys")
        #expect(Redactor.redact("worker-00000001 is busy") == "worker-00000001 is busy")
    }
}
