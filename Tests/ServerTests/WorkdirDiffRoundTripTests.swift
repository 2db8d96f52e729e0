import Foundation
@testable import Remote
import Registry
import Runtime
@testable import Server
import Synchronization
import Testing
import TestSupport

/// tools.md, Seeing what workers did, from another process: the owner's
/// diff of a worker's directory crosses the API verbatim (the client
/// sanitises what it draws), and its failures keep their meaning.
@Suite(.timeLimit(.minutes(1)))
struct WorkdirDiffRoundTripTests {
    static let hostileDiff = "--- a/README\n+++ b/README\n@@ -1 +1 @@\n-old\n+\u{1B}]0;owned\u{07}new \u{202E}txt\n"

    @Test func aSecondProcessReadsTheOwnersDiff() async throws {
        // The owner's differ is told the worker and its profile.
        let asked = Mutex<[String]>([])
        let owner = try RemoteOwner(workdirDiff: { worker, profile in
            asked.withLock { $0.append(worker.rawValue + " " + profile) }
            return WorkdirDiff(directory: "worktree " + worker.rawValue, diff: Self.hostileDiff, truncated: true)
        })
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())

        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        let page = try await client.workdirDiff(created.key)
        #expect(page == WorkdirDiffPage(runtimeId: "remote:build-1", workerId: created.workerId,
                                        directory: "worktree " + created.workerId, diff: Self.hostileDiff, truncated: true))
        #expect(asked.withLock { $0 } == [created.workerId + " default"])

        let missing = await registryFailure { _ = try await client.workdirDiff(WorkerKey(runtimeId: "remote:build-1", workerId: "worker-ffffffff")) }
        #expect(missing?.code == "unknown_worker")
        _ = await client.close()
        await owner.remove()
    }

    /// Not a git repository (any directory git refuses): a typed refusal with
    /// git's reason, exit 4 in the CLI, the same from the owner's registry.
    @Test func aDirectoryThatCannotBeDiffedIsRefusedWithItsReason() async throws {
        let reason = "the workspace is not a git repository, so there is no diff to show"
        let owner = try RemoteOwner(workdirDiff: { _, _ throws(ToolSetupError) in throw ToolSetupError(reason) })
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))

        let remote = await registryFailure { _ = try await client.workdirDiff(created.key) }
        #expect(remote == .rejected(code: "diff_unavailable", message: reason) && remote?.exitCode == 4)
        let local = await registryFailure {
            _ = try await owner.registry.workdirDiff(WorkerKey(runtimeId: "backend-internal", workerId: created.workerId))
        }
        #expect(local == remote)
        _ = await client.close()
        await owner.remove()
    }

    /// An owner wired without a differ answers 501; the client says unsupported.
    @Test func withoutADifferTheOperationIsUnsupported() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        let failure = await registryFailure { _ = try await client.workdirDiff(created.key) }
        #expect(failure == .unsupported(operation: "diff", implementationKind: .remoteWorkerRuntime))
        _ = await client.close()
        await owner.remove()
    }
}
