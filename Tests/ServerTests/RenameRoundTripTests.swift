import Foundation
@testable import Remote
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// Renaming through the API from another process's registry: the owner's
/// worker takes the cleaned label and logs `worker_renamed`; refusals keep
/// their codes across the wire.
@Suite(.timeLimit(.minutes(1)))
struct RenameRoundTripTests {
    @Test func aSecondProcessRenamesAWorkerOfTheOwner() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())
        let created = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default", label: "draft"))

        let renamed = try await client.rename(created.key, label: " nightly\u{1B}/build ")
        #expect(renamed.key == created.key && renamed.label == "nightlybuild")
        let local = WorkerKey(runtimeId: "backend-internal", workerId: created.workerId)
        #expect(try await owner.registry.worker(local).label == "nightlybuild")
        let events = try await client.events(runtime: "remote:build-1", from: 1, limit: 100).events
        #expect(events.filter { $0.workerId == created.workerId }.map(\.kind) == ["worker_created", "worker_renamed"])

        // A stopped worker keeps its name changeable: a label is display only.
        _ = try await client.stop(created.key)
        #expect(try await client.rename(created.key, label: "archived run").label == "archived run")

        let blank = await registryFailure { _ = try await client.rename(created.key, label: " \\ / ") }
        #expect(blank?.code == "invalid_request" && blank?.exitCode == 2)
        let missing = WorkerKey(runtimeId: "remote:build-1", workerId: "worker-000000ff")
        #expect(await registryFailure { _ = try await client.rename(missing, label: "x") }?.exitCode == 3)
        #expect(try await owner.registry.worker(local).label == "archived run")

        _ = await client.close()
        await owner.remove()
    }

    /// Lists reuse unchanged rows at both ends (`WorkersPageLines`): a
    /// worker changed in between, through the API or in the owner itself,
    /// is listed as it is now, relabelled as a remote's.
    @Test func aListAfterAChangeShowsTheChange() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote(readOnly: true))
        let writer = RuntimeRegistry()
        try writer.register(owner.remote(id: "remote:rw", name: "rw"))
        var created: [WorkerSummary] = []
        for label in ["one", "two", "three"] {
            created.append(try await writer.createWorker(runtime: "remote:rw", CreateWorkerRequest(profile: "default", label: label)))
        }
        func labels() async throws -> [String] { try await client.workers(runtime: "remote:build-1").map(\.label) }
        #expect(try await labels() == ["one", "two", "three"])
        #expect(try await labels() == ["one", "two", "three"])

        _ = try await writer.rename(created[1].key, label: "second")
        #expect(try await labels() == ["one", "second", "three"])
        let local = WorkerKey(runtimeId: "backend-internal", workerId: created[2].workerId)
        _ = try await owner.registry.rename(local, label: "third")
        let listed = try await client.workers(runtime: "remote:build-1")
        #expect(listed.map(\.label) == ["one", "second", "third"])
        #expect(listed.allSatisfy { $0.runtimeId == "remote:build-1" && $0.capabilities.readOnly && !$0.capabilities.canAcceptInput })
        _ = await client.close()
        _ = await writer.close()
        await owner.remove()
    }

    @Test func aReadOnlyRemoteRefusesRename() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let writer = RuntimeRegistry()
        try writer.register(owner.remote(id: "remote:rw", name: "rw"))
        let worker = try await writer.createWorker(runtime: "remote:rw", CreateWorkerRequest(profile: "default", label: "kept"))
        let reader = RuntimeRegistry()
        try reader.register(owner.remote(id: "remote:ro", name: "ro", readOnly: true))
        let key = WorkerKey(runtimeId: "remote:ro", workerId: worker.workerId)
        #expect(await registryFailure { _ = try await reader.rename(key, label: "theirs") } == .readOnly)
        #expect(try await writer.worker(worker.key).label == "kept")
        _ = await writer.close()
        _ = await reader.close()
        await owner.remove()
    }
}
