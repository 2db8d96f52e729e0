import Foundation
import Logging
@testable import Remote
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// A `RemoteSource` against a real `APIServer` on a Unix socket (and TCP
/// with a token), through a second `RuntimeRegistry` as a console uses it.
@Suite(.timeLimit(.minutes(1)))
struct RemoteRoundTripTests {
    func client(_ remotes: RemoteSource...) throws -> RuntimeRegistry {
        let registry = RuntimeRegistry()
        for remote in remotes { try registry.register(remote) }
        return registry
    }

    /// More workers than one API page: the remote reads page after page
    /// (each after the last id of the one before) and lists them all, in
    /// the owner's order; `after` continues from a worker.
    @Test func anOwnerWithMoreWorkersThanAPageIsListedWhole() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let total = APIContract.maxLimit + 50
        for _ in 0..<total { _ = try await owner.registry.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default")) }
        let remote = owner.remote()
        let client = try client(remote)
        remote.start()
        await remote.waitFor(.connected)

        let listed = try await client.workers(runtime: "remote:build-1")
        #expect(listed.count == total)
        #expect(listed.map(\.workerId) == (1...total).map { WorkerId(sequence: UInt32($0)).rawValue })
        let rest = try await client.workers(runtime: "remote:build-1", limit: 30, after: WorkerId(sequence: UInt32(total - 10)).rawValue)
        #expect(rest.map(\.workerId) == ((total - 9)...total).map { WorkerId(sequence: UInt32($0)).rawValue })
        await #expect(throws: RegistryError.self) { _ = try await client.workers(limit: 5, after: "worker-00000001") }
        _ = await client.close()
        await owner.remove()
    }

    @Test func createSendTranscriptStopThroughTheRemote() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let remote = owner.remote()
        let client = try client(remote)
        let live = await client.observeAll()
        remote.start()
        await remote.waitFor(.connected)
        owner.backend.set { $0.turn = .replySynchronously("pong") }

        let runtime = try await client.runtime("remote:build-1")
        #expect(runtime.status == .connected && runtime.implementationKind == .remoteWorkerRuntime)
        #expect(runtime.displayName == "build-1" && runtime.capabilities.canCreateWorker)

        let created = try await client.createWorker(runtime: "remote:build-1",
                                                    CreateWorkerRequest(profile: "default", label: "far away"))
        #expect(created.runtimeId == "remote:build-1" && created.implementationKind == .remoteWorkerRuntime)
        #expect(created.label == "far away")
        let key = created.key
        let accepted = try await client.sendInput(key, text: "ping")
        #expect(accepted.runtimeId == "remote:build-1" && accepted.workerId == key.workerId)

        // The reply arrives live, under the local runtime id.
        let reply = await remoteFirst(live) { update in
            if case let .entry(k, item) = update { return k == key && item.content == "pong" }
            return false
        }
        #expect(reply != nil)
        let page = try await client.transcript(key, start: 0, limit: 10)
        #expect(page.runtimeId == "remote:build-1")
        #expect(page.items.map(\.content) == ["ping", "pong"])
        let tail = try await client.transcriptTail(key, limit: 1)
        #expect(tail.items.map(\.content) == ["pong"])

        let listed = try await client.workers(runtime: "remote:build-1")
        #expect(listed.map(\.key) == [key])
        let events = try await client.events(runtime: "remote:build-1", from: 1, limit: 100)
        #expect(!events.events.isEmpty && events.events.allSatisfy { $0.runtimeId == "remote:build-1" })

        let stopped = try await client.stop(key)
        #expect(stopped.status == .stopped && stopped.runtimeId == "remote:build-1")
        // The owner refuses input to a stopped worker; the reason comes through.
        let refused = await registryFailure { _ = try await client.sendInput(key, text: "again") }
        #expect(refused?.code == "worker_not_running")
        let missing = await registryFailure { _ = try await client.worker(WorkerKey(runtimeId: "remote:build-1", workerId: "w-nope")) }
        #expect(missing == .unknownWorker(runtime: "remote:build-1", worker: "w-nope"))

        _ = await client.close()
        await owner.remove()
    }

    @Test func committedEventsFollowFromACursor() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let remote = owner.remote()
        let client = try client(remote)
        let first = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        let events = try await client.subscribe(runtime: "remote:build-1", from: 1)
        var iterator = events.makeAsyncIterator()
        var seen: [Int64] = []
        // The log so far (the runtime's own events, then the first worker's)…
        while let event = await iterator.next() {
            #expect(event.runtimeId == "remote:build-1")
            #expect(event.id > (seen.last ?? 0), "in order, no duplicates")
            seen.append(event.id)
            if event.workerId == first.workerId { break }
        }
        // …then one committed after subscribing, through the push stream.
        let second = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))
        while let event = await iterator.next() {
            #expect(event.id > seen.last!, "in order, no duplicates")
            seen.append(event.id)
            if event.workerId == second.workerId { break }
        }
        #expect(seen.first == 1)
        _ = await client.close()
        await owner.remove()
    }

    @Test func theSameWorkerIdInTwoRemotesIsTwoWorkers() async throws {
        let ownerA = try RemoteOwner(), ownerB = try RemoteOwner()
        try await ownerA.start()
        try await ownerB.start()
        let client = try client(ownerA.remote(id: "remote:a", name: "a"), ownerB.remote(id: "remote:b", name: "b"))
        let a = try await client.createWorker(runtime: "remote:a", CreateWorkerRequest(profile: "default", label: "on a"))
        let b = try await client.createWorker(runtime: "remote:b", CreateWorkerRequest(profile: "default", label: "on b"))
        #expect(a.workerId == b.workerId, "both owners number their first worker alike")
        #expect(try await client.worker(a.key).label == "on a")
        #expect(try await client.worker(b.key).label == "on b")
        _ = try await client.stop(a.key)
        #expect(try await client.worker(b.key).status != .stopped)
        #expect(try await client.workers().map(\.runtimeId) == ["remote:a", "remote:b"])
        _ = await client.close()
        await ownerA.remove()
        await ownerB.remove()
    }

    @Test func aReadOnlyRemoteReadsButRefusesMutations() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let writer = try client(owner.remote(id: "remote:rw", name: "rw"))
        let worker = try await writer.createWorker(runtime: "remote:rw", CreateWorkerRequest(profile: "default"))
        let reader = try client(owner.remote(id: "remote:ro", name: "ro", readOnly: true))
        let key = WorkerKey(runtimeId: "remote:ro", workerId: worker.workerId)
        let seen = try await reader.worker(key)
        #expect(seen.capabilities.readOnly && !seen.capabilities.canAcceptInput)
        #expect(await registryFailure { _ = try await reader.sendInput(key, text: "hi") } == .readOnly)
        #expect(await registryFailure { _ = try await reader.stop(key) } == .readOnly)
        #expect(await registryFailure { _ = try await reader.createWorker(runtime: "remote:ro", CreateWorkerRequest()) } == .readOnly)
        #expect(owner.backend.recorded.withLock { $0.inputs.isEmpty })
        _ = await writer.close()
        _ = await reader.close()
        await owner.remove()
    }

    @Test func anOwnerThatGoesAwayIsUnavailableAndComesBackWithLiveUpdates() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let gate = RemoteTestGate()
        let remote = owner.remote(timing: gate.timing)
        let client = try client(remote)
        let live = await client.observeAll()
        remote.start()
        await remote.waitFor(.connected)
        let worker = try await client.createWorker(runtime: "remote:build-1", CreateWorkerRequest(profile: "default"))

        await owner.stop()
        await remote.waitFor(.unavailable)
        #expect(try await client.runtime("remote:build-1").status == .unavailable)
        #expect(try await client.runtime("remote:build-1").diagnostics.map(\.code) == ["remote_owner_unreachable"])
        let refused = await registryFailure { _ = try await client.workers(runtime: "remote:build-1") }
        #expect(refused?.code == "owner_unreachable")

        try await owner.start()
        gate.open()
        await remote.waitFor(.connected)
        // Every worker once after the reconnect, then live updates flow on
        // the same stream as before.
        let resync = await remoteFirst(live) { update in
            if case let .workerChanged(summary) = update { return summary.key == worker.key }
            return false
        }
        #expect(resync != nil)
        owner.backend.set { $0.turn = .replySynchronously("back") }
        _ = try await client.sendInput(worker.key, text: "hello again")
        let reply = await remoteFirst(live) { update in
            if case let .entry(key, item) = update { return key == worker.key && item.content == "back" }
            return false
        }
        #expect(reply != nil)
        _ = await client.close()
        await owner.remove()
    }

    /// Attached to the local owner as `backend-internal`: every answer is
    /// what the owner's own registry says, as if the runtime were in-process.
    @Test func theLocalOwnerLooksExactlyAsIfInProcess() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        var logger = Logger(label: "attach")
        logger.logLevel = .critical
        let attached = RemoteSource(config: RemoteConfig(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                                         endpoint: .unixSocket(path: owner.socketPath),
                                                         implementationKind: .embeddedWorkerRuntime),
                                    logger: logger)
        let client = try client(attached)
        attached.start()
        await attached.waitFor(.connected)
        let created = try await client.createWorker(runtime: "backend-internal", CreateWorkerRequest(profile: "default", label: "here"))
        #expect(created == (try await owner.registry.worker(created.key)))
        #expect(try await client.workers(runtime: "backend-internal") == (try await owner.registry.workers(runtime: "backend-internal")))
        #expect(try await client.runtime("backend-internal") == (try await owner.registry.runtime("backend-internal")))
        #expect(try await client.transcript(created.key, start: 0, limit: 10)
            == (try await owner.registry.transcript(created.key, start: 0, limit: 10)))
        #expect(try await client.events(runtime: "backend-internal", from: 1, limit: 50)
            == (try await owner.registry.events(runtime: "backend-internal", from: 1, limit: 50)))

        // Gone: unavailable, with the embedded kind's diagnostic and no path.
        await owner.stop()
        await attached.waitFor(.unavailable)
        let away = try await client.runtime("backend-internal")
        #expect(away.status == .unavailable && away.implementationKind == .embeddedWorkerRuntime)
        #expect(away.diagnostics.map(\.code) == ["embedded_owner_unreachable"])
        #expect(!ProjectionJSON.string(away).contains(owner.root.path))
        _ = await client.close()
        await owner.remove()
    }

    /// Nothing a remote shows holds the socket path, the token or its header.
    @Test func nothingShownLeaksTheEndpointOrTheToken() async throws {
        try await withServer { harness in
            let url = try #require(URL(string: "http://127.0.0.1:\(harness.port)"))
            harness.backend.set { $0.turn = .replySynchronously("reply") }
            let viaSocket = RemoteSource(config: RemoteConfig(runtimeId: "remote:sock", displayName: "sock",
                                                              endpoint: .unixSocket(path: harness.socketPath)),
                                         logger: Logger(label: "t"))
            let viaTCP = RemoteSource(config: RemoteConfig(runtimeId: "remote:tcp", displayName: "tcp", endpoint: .url(url),
                                                           token: harness.token), logger: Logger(label: "t"))
            let client = try client(viaSocket, viaTCP)
            var shown: [String] = []
            for runtime in ["remote:sock", "remote:tcp"] {
                let worker = try await client.createWorker(runtime: runtime, CreateWorkerRequest(profile: "default"))
                shown.append(ProjectionJSON.string(try await client.sendInput(worker.key, text: "hi")))
                shown.append(ProjectionJSON.string(try await client.transcript(worker.key, start: 0, limit: 10)))
                shown.append(ProjectionJSON.string(try await client.workers(runtime: runtime)))
                shown.append(ProjectionJSON.string(try await client.events(runtime: runtime, from: 1, limit: 100)))
                shown.append(ProjectionJSON.string(try await client.runtime(runtime)))
                let failure = await registryFailure { _ = try await client.worker(WorkerKey(runtimeId: runtime, workerId: "w-x")) }
                shown.append(failure?.message ?? "")
            }
            await harness.stop()
            for runtime in ["remote:sock", "remote:tcp"] {
                shown.append(ProjectionJSON.string(try await client.runtime(runtime)))
                shown.append((await registryFailure { _ = try await client.workers(runtime: runtime) })?.message ?? "")
            }
            let text = shown.joined(separator: "\n")
            for needle in [harness.root.path, ".sock", "Bearer", harness.token, "127.0.0.1"] {
                #expect(!text.contains(needle), "\(needle) leaked")
            }
            _ = await client.close()
        }
    }

    @Test func overTCPTheTokenIsSentAndAWrongOneIsRefused() async throws {
        try await withServer { harness in
            let url = try #require(URL(string: "http://127.0.0.1:\(harness.port)"))
            let good = RemoteSource(config: RemoteConfig(runtimeId: "remote:tcp", displayName: "tcp", endpoint: .url(url),
                                                         token: harness.token), logger: Logger(label: "t"))
            try await good.connect()
            #expect(try await good.listWorkers(limit: 10).isEmpty)
            #expect(await good.summary().status == .connected)
            _ = await good.close()

            let bad = RemoteSource(config: RemoteConfig(runtimeId: "remote:tcp", displayName: "tcp", endpoint: .url(url),
                                                        token: "not-the-token"), logger: Logger(label: "t"))
            await #expect(throws: SourceError.unavailable(code: "remote_unauthorized", message: "the remote refused the token")) {
                try await bad.connect()
            }
            _ = await bad.close()
        }
    }
}

/// The registry error a call failed with.
func registryFailure(_ body: () async throws -> Void) async -> RegistryError? {
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
