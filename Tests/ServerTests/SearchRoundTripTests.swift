import Foundation
@testable import Remote
import Registry
import Runtime
@testable import Server
import Testing
import TestSupport

/// Search through the API from another process's registry: the owner's
/// matches come back under the remote's runtime id; refusals keep their codes.
@Suite(.timeLimit(.minutes(1)))
struct SearchRoundTripTests {
    @Test func aSecondProcessSearchesTheOwnersWorkers() async throws {
        let owner = try RemoteOwner()
        try await owner.start()
        let client = RuntimeRegistry()
        try client.register(owner.remote())
        let first = try await client.createWorker(runtime: "remote:build-1",
                                                  CreateWorkerRequest(profile: "default", initialInput: "deploy to staging & café"))
        let second = try await client.createWorker(runtime: "remote:build-1",
                                                   CreateWorkerRequest(profile: "default", initialInput: "deploy + rollback"))

        let page = try await client.search(runtime: "remote:build-1", "Deploy", limit: 10)
        #expect(page.runtimeId == "remote:build-1" && page.query == "Deploy" && page.limit == 10)
        #expect(page.matches.map(\.key) == [second.key, first.key])
        #expect(page.matches.allSatisfy { $0.runtimeId == "remote:build-1" && $0.sequence == 1 && $0.role == .user })
        // Query text with URL and search syntax arrives intact and as words.
        #expect(try await client.search(runtime: "remote:build-1", #"staging & "café""#).matches.map(\.key) == [first.key])
        #expect(try await client.search(runtime: "remote:build-1", "deploy + rollback").matches.map(\.key) == [second.key])
        #expect(try await client.searchAll("rollback").flatMap(\.matches).map(\.key) == [second.key])

        let blank = await registryFailure { _ = try await client.search(runtime: "remote:build-1", "**") }
        #expect(blank?.code == "invalid_request" && blank?.exitCode == 2)
        let tooMany = await registryFailure { _ = try await client.search(runtime: "remote:build-1", "x", limit: 500) }
        #expect(tooMany?.exitCode == 2)
        _ = await client.close()
        await owner.remove()
    }
}
