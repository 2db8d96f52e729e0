import Foundation
import Testing
@testable import Registry
import Runtime

@Suite struct LocalCompatObserveTests {
    func key(_ name: String) -> WorkerKey {
        WorkerKey(runtimeId: "local-compat", workerId: LegacyWorkerIdentity.workerId(forName: name).rawValue)
    }

    @Test(.timeLimit(.minutes(1))) func observeStreamsOnlyNewEntries() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [#"{"kind":"run_errored","ts":1000,"message":"old"}"#])
        let registry = RuntimeRegistry()
        try registry.register(LocalCompatSource(catalog: fixture.catalog(), pollInterval: .milliseconds(5)))
        let updates = try await registry.observe(key("api"))
        try fixture.appendSegment(#"{"kind":"run_errored","ts":2000,"message":"new"}"# + "\n")
        var iterator = updates.makeAsyncIterator()
        let first = await iterator.next()
        #expect(first == .entry(key("api"), TranscriptItem(
            sequence: 2, role: .system, kind: .error, content: "new", createdAt: Date(timeIntervalSince1970: 2))))
    }

    @Test func observingAnUnknownWorkerIsAnError() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let registry = RuntimeRegistry()
        try registry.register(LocalCompatSource(catalog: fixture.catalog()))
        await #expect(throws: RegistryError.unknownWorker(runtime: "local-compat", worker: key("ghost").workerId)) {
            _ = try await registry.observe(key("ghost"))
        }
    }

    @Test func rescanFollowsTheRecordToANewSegment() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api", segment: "g1"))
        try fixture.writeSegment(segment: "g1", lines: [#"{"kind":"run_errored","message":"first segment"}"#])
        try fixture.writeSegment(segment: "g2", lines: [#"{"kind":"run_errored","message":"second segment"}"#])
        let source = LocalCompatSource(catalog: fixture.catalog())
        #expect(try await source.transcriptTail(key("api").workerId, limit: 5).items.map(\.content) == ["first segment"])
        try fixture.writeRecord("api", fixture.record(name: "api", segment: "g2"))
        _ = try await source.listWorkers(limit: 10)
        #expect(try await source.transcriptTail(key("api").workerId, limit: 5).items.map(\.content) == ["second segment"])
    }
}
