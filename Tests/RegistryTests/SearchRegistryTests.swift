import Foundation
import Testing
@testable import Registry
import Runtime
import TestSupport

/// Search through the registry (issue 16): the embedded runtime through its
/// store, local-compat by a scan (it answers search, unlike mutations), and
/// `searchAll` leaving out a runtime that cannot search.
@Suite struct SearchRegistryTests {
    @Test func localCompatScansItsTranscriptsNewestFirst() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [LocalCompatTranscriptTests.line("deploy failed: Timeout", ts: 1_000),
                                         LocalCompatTranscriptTests.line("unrelated", ts: 2_000),
                                         LocalCompatTranscriptTests.line("timeout again", ts: 3_000)])
        let registry = RuntimeRegistry()
        try registry.register(LocalCompatSource(catalog: fixture.catalog()))
        let page = try await registry.search(runtime: "local-compat", "timeout", limit: 10)
        let worker = LegacyWorkerIdentity.workerId(forName: "api").rawValue
        #expect(page.runtimeId == "local-compat" && page.query == "timeout" && page.limit == 10)
        #expect(page.matches.map(\.sequence) == [3, 1])
        #expect(page.matches.allSatisfy { $0.workerId == worker && $0.kind == .error })
        #expect(page.matches.first?.snippet == "timeout again")
        #expect(try await registry.search(runtime: "local-compat", "timeout deploy").matches.map(\.sequence) == [1])
        await #expect(throws: RegistryError.invalidRequest("search needs a word with a letter or digit")) {
            try await registry.search(runtime: "local-compat", "**")
        }
        await #expect(throws: RegistryError.invalidRequest("limit 201 is above the maximum 200")) {
            try await registry.search(runtime: "local-compat", "x", limit: 201)
        }
    }

    @Test func theEmbeddedRuntimeSearchesItsStoreAndSearchAllSkipsWhatCannot() async throws {
        let runtime = try WorkerRuntime(workspaceId: "ws", store: MemoryStore(), backend: TestBackend())
        let registry = RuntimeRegistry()
        try registry.register(EmbeddedSource(runtime: runtime))
        try registry.register(NoSearchSource())
        let worker = try await registry.createWorker(runtime: "backend-internal",
                                                     CreateWorkerRequest(profile: "default", initialInput: "find the needle"))
        let pages = try await registry.searchAll("NEEDLE")
        #expect(pages.map(\.runtimeId) == ["backend-internal"], "the runtime without search is left out")
        #expect(pages.first?.matches.map(\.key) == [worker.key])
        #expect(pages.first?.matches.first?.sequence == 1 && pages.first?.matches.first?.role == .user)
        await #expect(throws: RegistryError.unsupported(operation: "search", implementationKind: .remoteWorkerRuntime)) {
            try await registry.search(runtime: "no-search", "needle")
        }
        await #expect(throws: RegistryError.invalidRequest("search needs a word with a letter or digit")) {
            try await registry.searchAll(" - ")
        }
    }
}

/// A source that keeps the protocol's `unsupported` default for search.
private struct NoSearchSource: RuntimeSource {
    let runtimeId = "no-search"
    let implementationKind = ImplementationKind.remoteWorkerRuntime
    func summary() async -> RuntimeSummary {
        RuntimeSummary(runtimeId: runtimeId, displayName: "none", implementationKind: implementationKind, status: .available,
                       capabilities: Capabilities(), counts: .init(workers: 0, active: 0), diagnostics: [])
    }
    func listWorkers(limit: Int) async throws(SourceError) -> [WorkerSummary] { [] }
    func worker(_ id: String) async throws(SourceError) -> WorkerSummary? { nil }
}
