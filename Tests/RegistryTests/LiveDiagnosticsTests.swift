import Foundation
import Registry
import Runtime
import Testing
import TestSupport

/// issue 11: a live `workerChanged` carries the worker's diagnostics (it
/// used to erase them), and reconnecting a runtime's stale workers reports
/// each one that stays stale with its reason.
@Suite struct LiveDiagnosticsTests {
    @Test func liveWorkerUpdatesKeepTheWorkersDiagnostics() async throws {
        let store = MemoryStore()
        let first = TestBackend()
        let before = try WorkerRuntime(workspaceId: "proj-0123456789ab", store: store, backend: first, now: { fixedDate })
        let ref = try await before.createWorker(profile: "default", label: "kept").ref

        // Restarted with a backend that cannot resolve the profile: stale, with diagnostics.
        let broken = TestBackend()
        broken.set { $0.profiles["default"] = .unresolved(reason: "env OPENAI_API_KEY is not set") }
        let runtime = try WorkerRuntime(workspaceId: "proj-0123456789ab", store: store, backend: broken, now: { fixedDate })
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: runtime))
        let updates = await registry.observeAll()

        let report = try await registry.reconnectStale(runtime: "backend-internal")
        #expect(report.reconnected.isEmpty)
        #expect(report.failed.map(\.workerId) == [ref.workerId.rawValue])
        #expect(report.failed.first?.reason.contains("env OPENAI_API_KEY is not set") == true)

        var codes: [String] = []
        for await update in updates {
            if case let .workerChanged(summary) = update, summary.workerId == ref.workerId.rawValue {
                codes = summary.diagnostics.map(\.code)
                break
            }
        }
        #expect(codes.contains("embedded_worker_execution_stale"))
        #expect(codes.contains("embedded_worker_reconnect_failed"))
    }
}
