import Foundation
import Testing
@testable import Registry
import Runtime

/// The local compatibility source behind a real `RuntimeRegistry`.
@Suite struct LocalCompatSourceTests {
    func registry(_ fixture: LegacyFixture) throws -> RuntimeRegistry {
        let registry = RuntimeRegistry()
        try registry.register(LocalCompatSource(catalog: fixture.catalog()))
        return registry
    }

    func key(_ name: String) -> WorkerKey {
        WorkerKey(runtimeId: "local-compat", workerId: LegacyWorkerIdentity.workerId(forName: name).rawValue)
    }

    @Test func summaryIsReadOnlyAvailableWithCatalogDiagnostics() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeRecord("web", fixture.record(name: "web", segment: nil))
        try fixture.writeRecord("other", fixture.record(name: "other", workspaceRoot: "/elsewhere"))
        let summary = try await registry(fixture).runtime("local-compat")
        #expect(summary == RuntimeSummary(
            runtimeId: "local-compat", displayName: "Local compatibility (legacy local workers)",
            implementationKind: .localCompatibility, status: .available,
            capabilities: Capabilities(canListWorkers: true, canGetWorker: true, canReadTranscript: true, readOnly: true),
            counts: .init(workers: 2, active: 1),
            diagnostics: [Diagnostic(code: "local_workspace_not_visible", severity: .info,
                                     message: "1 legacy worker belongs to another workspace and is not shown",
                                     implementationKind: .localCompatibility)]))
    }

    @Test func missingDataDirIsDegraded() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let paths = LegacyPaths(dataDirectory: fixture.root.appendingPathComponent("absent"), runtimeDirectory: fixture.runtimeDir)
        let source = LocalCompatSource(catalog: LegacyWorkerCatalog(paths: paths, workspaceRoot: fixture.workspace.path))
        let summary = await source.summary()
        #expect(summary.status == .degraded)
        #expect(summary.diagnostics.map(\.code) == ["local_data_dir_missing"])
        #expect(try await source.listWorkers(limit: 10).isEmpty)
    }

    @Test func disabledConfigMakesNoSource() {
        #expect(LocalCompatSource(environment: [:], config: LocalCompatConfig(enabled: false), workspaceRoot: "/w") == nil)
        #expect(LocalCompatSource(environment: ["HOME": "/nowhere"], config: LocalCompatConfig(), workspaceRoot: "/w") != nil)
    }

    @Test func workersProjectAsReadOnlyLocalWorkers() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(
            name: "api", extra: #""resolved_manifest_snapshot":{"role":"reviewer","model":{"ref":"gpt-4o"}}"#))
        let workers = try await registry(fixture).workers(runtime: "local-compat")
        #expect(workers == [WorkerSummary(
            runtimeId: "local-compat", workerId: key("api").workerId, label: "api",
            implementationKind: .localCompatibility, status: .active, runState: .unconnected,
            profile: "reviewer", model: "gpt-4o", transcriptLen: 0,
            capabilities: Capabilities(canListWorkers: true, canGetWorker: true, canReadTranscript: true, readOnly: true))])
    }

    @Test func transcriptPagesThroughTheRegistry() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [
            #"{"kind":"user_input","ts":1000,"segments":[{"kind":"text","content":"hi"}]}"#,
            #"{"kind":"assistant_item","ts":2000,"item":{"kind":"message","role":"assistant","content":[{"kind":"text","text":"hello"}]}}"#,
            #"{"kind":"run_errored","ts":3000,"message":"boom"}"#,
        ])
        let registry = try registry(fixture)
        let page = try await registry.transcript(key("api"), start: 0, limit: 2)
        #expect(page == TranscriptPage(
            runtimeId: "local-compat", workerId: key("api").workerId, start: 0, limit: 2, totalItems: 3, nextStart: 2,
            items: [
                TranscriptItem(sequence: 1, role: .user, kind: .message, content: "hi", createdAt: Date(timeIntervalSince1970: 1)),
                TranscriptItem(sequence: 2, role: .assistant, kind: .message, content: "hello", createdAt: Date(timeIntervalSince1970: 2)),
            ]))
        let tail = try await registry.transcriptTail(key("api"), limit: 1)
        #expect(tail.items.map(\.content) == ["boom"] && tail.start == 2 && tail.nextStart == nil)
        let worker = try await registry.worker(key("api"))
        #expect(worker.transcriptLen == 3 && worker.lastActivityAt == Date(timeIntervalSince1970: 3))
    }

    @Test func badPageRequestsAreTypedErrors() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [])
        let registry = try registry(fixture)
        await #expect(throws: RegistryError.invalidRequest("limit must be at least 1")) {
            try await registry.transcript(key("api"), start: 0, limit: 0)
        }
        await #expect(throws: RegistryError.invalidRequest("limit 1000 is above the maximum 256")) {
            try await registry.transcript(key("api"), start: 0, limit: 1000)
        }
    }

    @Test func missingSegmentShowsOnTheWorker() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        let registry = try registry(fixture)
        let page = try await registry.transcriptTail(key("api"), limit: 10)
        #expect(page.totalItems == 0 && page.items.isEmpty)
        _ = try await registry.transcriptTail(key("api"), limit: 10)
        let worker = try await registry.worker(key("api"))
        #expect(worker.status == .active)
        #expect(worker.diagnostics.map(\.code) == ["local_transcript_missing"])
    }

    @Test func mutationsAreUnsupportedAndUnknownWorkersUnknown() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        let registry = try registry(fixture)
        await #expect(throws: RegistryError.unsupported(operation: "input", implementationKind: .localCompatibility)) {
            try await registry.sendInput(key("api"), text: "hi")
        }
        await #expect(throws: RegistryError.unsupported(operation: "stop", implementationKind: .localCompatibility)) {
            try await registry.stop(key("api"))
        }
        await #expect(throws: RegistryError.unsupported(operation: "rename", implementationKind: .localCompatibility)) {
            try await registry.rename(key("api"), label: "mine")
        }
        await #expect(throws: RegistryError.unsupported(operation: "archive", implementationKind: .localCompatibility)) {
            try await registry.setArchived(key("api"), true)
        }
        await #expect(throws: RegistryError.unsupported(operation: "unarchive", implementationKind: .localCompatibility)) {
            try await registry.setArchived(key("api"), false)
        }
        await #expect(throws: RegistryError.unsupported(operation: "delete", implementationKind: .localCompatibility)) {
            try await registry.delete(key("api"))
        }
        await #expect(throws: RegistryError.unsupported(operation: "fork", implementationKind: .localCompatibility)) {
            try await registry.fork(key("api"), at: nil, label: nil)
        }
        await #expect(throws: RegistryError.unknownWorker(runtime: "local-compat", worker: "local-nope-0000000000000000")) {
            try await registry.transcript(WorkerKey(runtimeId: "local-compat", workerId: "local-nope-0000000000000000"),
                                          start: 0, limit: 1)
        }
    }

    @Test func missingSegmentIsAnnouncedOncePerPollingObserver() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        let source = LocalCompatSource(catalog: fixture.catalog())
        let id = key("api").workerId
        let first = try await source.poll(id)
        guard case let .workerChanged(summary)? = first.first else {
            Issue.record("expected workerChanged, got \(first)")
            return
        }
        #expect(first.count == 1 && summary.diagnostics.map(\.code) == ["local_transcript_missing"])
        #expect(try await source.poll(id).isEmpty)
        #expect(try await source.poll(id).isEmpty)
    }

    @Test func pollReportsNewEntriesAndResets() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [#"{"kind":"run_errored","ts":1000,"message":"one"}"#])
        let source = LocalCompatSource(catalog: fixture.catalog())
        let id = key("api").workerId
        #expect(try await source.poll(id).count == 1)
        #expect(try await source.poll(id).isEmpty)
        try fixture.appendSegment(#"{"kind":"run_errored","ts":2000,"message":"two"}"# + "\n")
        #expect(try await source.poll(id) == [.entry(key("api"), TranscriptItem(
            sequence: 2, role: .system, kind: .error, content: "two", createdAt: Date(timeIntervalSince1970: 2)))])
        try fixture.writeSegment(lines: [])
        let reset = try await source.poll(id)
        guard case let .workerChanged(summary)? = reset.first else {
            Issue.record("expected workerChanged, got \(reset)")
            return
        }
        #expect(reset.count == 1 && summary.transcriptLen == 0)
    }
}
