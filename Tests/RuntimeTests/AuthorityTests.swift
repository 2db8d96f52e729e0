import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct AuthorityTests {
    @Test func mintedIdsAreEightHexDigitsFromOne() {
        #expect(WorkerId(sequence: 1).rawValue == "worker-00000001")
        #expect(WorkerId(sequence: 0x2a).rawValue == "worker-0000002a")
        #expect(WorkerId(sequence: 0xffff_ffff).rawValue == "worker-ffffffff")
        #expect(WorkerId(rawValue: "worker-0000002a")?.sequence == 42)
        #expect(WorkerId(rawValue: "worker-0000002A")?.sequence == nil)
        #expect(WorkerId(rawValue: "") == nil)
        #expect(WorkerId(rawValue: "../etc/passwd") == nil)
        #expect(RuntimeId(rawValue: "  ") == nil)
    }

    @Test func wrongRuntimeIsCheckedBeforeExistence() async throws {
        let a = try makeRuntime(id: RuntimeId("runtime-a"))
        let b = try makeRuntime(id: RuntimeId("runtime-b"))
        let inA = try await a.createWorker(profile: "default")
        let inB = try await b.createWorker(profile: "default")
        // The same minted id exists in both runtimes; each resolves its own.
        #expect(inA.ref.workerId == inB.ref.workerId)
        #expect(try await a.worker(inA.ref).ref.runtimeId == RuntimeId("runtime-a"))

        // A ref naming runtime b, sent to runtime a, is refused as wrong runtime —
        // even though a worker with that id exists in a.
        let error = await runtimeError { _ = try await a.sendInput(inB.ref, text: "hi") }
        #expect(error == .wrongRuntime(expected: RuntimeId("runtime-a"), got: RuntimeId("runtime-b")))

        // Wrong runtime wins over a missing worker too.
        let ghost = WorkerRef(runtimeId: RuntimeId("runtime-b"), workerId: WorkerId(sequence: 99))
        #expect(await runtimeError { _ = try await a.worker(ghost) } == .wrongRuntime(expected: RuntimeId("runtime-a"), got: RuntimeId("runtime-b")))

        let missing = WorkerRef(runtimeId: RuntimeId("runtime-a"), workerId: WorkerId(sequence: 99))
        #expect(await runtimeError { _ = try await a.worker(missing) } == .workerNotFound(missing))
        #expect(await runtimeError { _ = try await a.stop(missing) } == .workerNotFound(missing))
        #expect(await runtimeError { _ = try await a.transcript(missing, start: 0, limit: 1) } == .workerNotFound(missing))
    }

    @Test func labelsAreCleanedAndBounded() async throws {
        #expect(WorkerLabel.clean("  review\u{1B}[31m-bot/\\ ") == "review[31m-bot")
        #expect(WorkerLabel.clean("\u{202E}evil\u{200B}") == "evil")
        #expect(WorkerLabel.clean("\u{7}\u{1B}") == nil)
        #expect(WorkerLabel.clean(String(repeating: "x", count: 81)) == nil)
        #expect(WorkerLabel.clean(String(repeating: "x", count: 80))?.count == 80)

        let runtime = try makeRuntime()
        let record = try await runtime.createWorker(profile: "default", label: "coder\u{1B}")
        #expect(record.label == "coder")
        let error = await runtimeError { _ = try await runtime.createWorker(profile: "default", label: "/\\") }
        #expect(error?.code == "invalid_request")
    }

    @Test func derivedFlagsFollowBothAxes() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        var record = try await runtime.createWorker(profile: "default")
        #expect(record.canAcceptInput && !record.canInterrupt && record.canStop && record.canCancel && !record.isReconnectable)
        _ = try await runtime.sendInput(record.ref, text: "go")
        record = try await runtime.worker(record.ref)
        #expect(!record.canAcceptInput && record.canInterrupt)
        await backend.replyToLast("done")
        record = try await runtime.worker(record.ref)
        #expect(record.canAcceptInput && !record.canInterrupt)
        _ = try await runtime.stop(record.ref)
        record = try await runtime.worker(record.ref)
        #expect(!record.canAcceptInput && !record.canStop && !record.canCancel && !record.isReconnectable)
    }
}
