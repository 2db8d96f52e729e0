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

/// A runtime over a test backend with one worker whose turn for `input`
/// is running; `report` feeds that turn the backend's reports.
struct RunningTurn {
    let runtime: WorkerRuntime
    let backend: TestBackend
    let ref: WorkerRef
    let input: (handle: ExecutionHandle, turn: TurnId, text: String)

    static func start(_ text: String = "go") async throws -> RunningTurn {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: text)
        return RunningTurn(runtime: runtime, backend: backend, ref: ref, input: backend.lastInput!)
    }

    func report(_ make: (TurnId) -> TurnReport) async {
        await backend.sink(input.handle).report(make(input.turn))
    }
}
