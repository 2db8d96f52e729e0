import Foundation
@testable import Remote
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// Archive, fork and delete through the API from another process's
/// registry; refusals keep their codes across the wire.
@Suite(.timeLimit(.minutes(1)))
struct FleetRoundTripTests {
    @Test func aSecondProcessArchivesForksAndDeletesWorkersOfTheOwner() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        let remote = owner.remote()
        try client.register(remote)
        let updates = await client.observeAll()
        remote.start()
        await remote.waitFor(.connected)
        owner.backend.set { $0.turn = .replySynchronously("pong") }
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default", initialInput: "ping"))
        let local = WorkerKey(runtimeId: "backend-internal", workerId: created.workerId)

        let archived = try await client.setArchived(created.key, true)
        #expect(archived.key == created.key && archived.archived)
        #expect(try await owner.registry.worker(local).archived)
        #expect(try await client.setArchived(created.key, false).archived == false)

        let fork = try await client.fork(created.key, at: 1, label: "branch")
        #expect(fork.runtimeId == "remote:build-1" && fork.label == "branch" && fork.transcriptLen == 1)
        #expect(fork.parent == ForkParent(workerId: created.workerId, entry: 1))
        #expect(try await client.worker(fork.key).parent?.entry == 1)
        let tooFar = await registryFailure { _ = try await client.fork(created.key, at: 9, label: nil) }
        #expect(tooFar?.code == "invalid_request" && tooFar?.exitCode == 2)

        let deleted = try await client.delete(fork.key)
        #expect(deleted.key == fork.key && deleted.directoryRemoved)
        #expect(await registryFailure { _ = try await client.worker(fork.key) }?.exitCode == 3)
        // Every client hears of it live, under its own name for the runtime.
        let heard = await remoteFirst(updates) { update in
            if case let .workerDeleted(key) = update { return key == fork.key }
            return false
        }
        #expect(heard != nil)
        let events = try await client.events(runtime: "remote:build-1", from: 1, limit: 100).events
        #expect(events.filter { $0.workerId == fork.workerId }.map(\.kind) == ["worker_deleted"])
        #expect(events.filter { $0.workerId == created.workerId }.map(\.kind).contains("worker_archived"))

        let missing = WorkerKey(runtimeId: "remote:build-1", workerId: "worker-000000ff")
        #expect(await registryFailure { _ = try await client.delete(missing) }?.exitCode == 3)
        _ = await client.close()
        await owner.remove()
    }

    @Test func aRunningTurnRefusesDeleteWith409AndExit4() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default", initialInput: "hold"))
        let busy = await registryFailure { _ = try await client.delete(created.key) }
        #expect(busy?.code == "busy" && busy?.exitCode == 4)
        _ = await client.close()
        await owner.remove()
    }

    @Test func aReadOnlyRemoteRefusesArchiveDeleteAndFork() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let writer = RuntimeRegistry()
        try writer.register(owner.remote(id: "remote:rw", name: "rw"))
        let worker = try await writer.createWorker(runtime: "remote:rw", CreateWorkerRequest(profile: "default"))
        let reader = RuntimeRegistry()
        try reader.register(owner.remote(id: "remote:ro", name: "ro", readOnly: true))
        let key = WorkerKey(runtimeId: "remote:ro", workerId: worker.workerId)
        #expect(await registryFailure { _ = try await reader.setArchived(key, true) } == .readOnly)
        #expect(await registryFailure { _ = try await reader.delete(key) } == .readOnly)
        #expect(await registryFailure { _ = try await reader.fork(key, at: nil, label: nil) } == .readOnly)
        #expect(try await writer.worker(worker.key).archived == false)
        _ = await writer.close()
        _ = await reader.close()
        await owner.remove()
    }

    /// An owner older than archiving sends no `archived`: its workers read as not archived.
    @Test func aSummaryWithoutArchivedDecodesAsNotArchived() throws {
        let summary = WorkerSummary(runtimeId: "backend-internal", workerId: "w-1", label: "w-1", implementationKind: .embeddedWorkerRuntime,
                                    status: .idle, runState: .idle, archived: true, parent: ForkParent(workerId: "w-0", entry: 2))
        var object = try #require(try JSONSerialization.jsonObject(with: ProjectionJSON.wireEncoder().encode(summary)) as? [String: Any])
        #expect(try ProjectionJSON.decoder().decode(WorkerSummary.self, from: JSONSerialization.data(withJSONObject: object)) == summary)
        object["archived"] = nil
        var older = summary
        older.archived = false
        #expect(try ProjectionJSON.decoder().decode(WorkerSummary.self, from: JSONSerialization.data(withJSONObject: object)) == older)
    }
}
