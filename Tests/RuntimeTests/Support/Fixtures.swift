import Foundation
import Runtime
import Synchronization
import TestSupport
import Testing

/// A runtime over `store` with a fixed clock.
func makeRuntime(
    id: RuntimeId = .embedded, store: any RuntimeStore = MemoryStore(), backend: TestBackend? = TestBackend(),
    limits: RuntimeLimits = RuntimeLimits()
) throws -> WorkerRuntime {
    try WorkerRuntime(id: id, workspaceId: "proj-0123456789ab", store: store, backend: backend,
                      limits: limits, now: { fixedDate })
}

/// Runs `body` and returns the typed runtime error it threw, or nil.
/// (Any other error type is recorded as a test issue.)
func runtimeError(_ body: () async throws -> Void) async -> RuntimeError? {
    do {
        try await body()
        return nil
    } catch let error as RuntimeError {
        return error
    } catch {
        Issue.record("expected a RuntimeError, got \(error)")
        return nil
    }
}

func contents(_ runtime: WorkerRuntime, _ ref: WorkerRef) async throws -> [String] {
    let total = try await runtime.worker(ref).transcriptLength
    guard total > 0 else { return [] }
    return try await runtime.transcript(ref, start: 0, limit: min(total, 256)).items.map {
        "\($0.role.rawValue)/\($0.kind.rawValue): \($0.content)" + ($0.interrupted ? " (interrupted)" : "")
    }
}
