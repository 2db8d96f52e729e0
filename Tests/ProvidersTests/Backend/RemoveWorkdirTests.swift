import Foundation
import Runtime
import Testing
@testable import Providers

/// A deleted worker's directory: a worktree profile's worktree is removed
/// through the tool runner; a workspace profile made nothing to remove.
@Suite(.timeLimit(.minutes(1))) struct RemoveWorkdirTests {
    @Test func onlyWorktreeProfilesAndProfilesNoLongerConfiguredRemoveAWorktree() async throws {
        try await ToolHarness.with { h in
            let ref = WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 5))
            try await h.backend.removeWorkdir(ref, profile: "t-tools")
            try await h.backend.removeWorkdir(ref, profile: "a-tools")
            try await h.backend.removeWorkdir(ref, profile: "gone-from-config")
            let removed = await h.executor.log.removed
            #expect(removed.map(\.0.path) == ["/workspace-root", "/workspace-root"])
            #expect(removed.map(\.1) == [ref.workerId, ref.workerId])
        }
    }

    @Test func aFailedRemovalIsThrownForTheRuntimeToRetry() async throws {
        var failing = TestToolExecutor()
        failing.setupError = ToolSetupError("git worktree remove failed: locked")
        try await ToolHarness.with(executor: failing) { h in
            let ref = WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: 6))
            await #expect(throws: ToolSetupError("git worktree remove failed: locked")) {
                try await h.backend.removeWorkdir(ref, profile: "t-tools")
            }
        }
    }
}
