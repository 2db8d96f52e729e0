import Foundation
import Testing
@testable import Registry
import Runtime

/// Every value the local compatibility reader hands out is serialised and
/// scanned for what must never reach an operator: socket paths, the
/// temporary directories, segment and metadata file names, pids.
@Suite struct LocalCompatLeakTests {
    /// A workspace with one live worker whose metadata lists children,
    /// peers and sockets, plus every kind of broken record.
    func plantHostileInstallation(_ fixture: LegacyFixture) throws {
        let socketDir = fixture.runtimeDir.path
        let children = """
        "spawned_children":[{"worker_name":"child","socket_path":"\(socketDir)/child.sock",
          "scope_delegated":["\(fixture.workspace.path)/src"],"callback_address":"unix:\(socketDir)/cb.sock"}],
        "reclaimed_children":[{"worker_name":"gone","socket_path":"\(socketDir)/gone.sock"}],
        "peers":[{"worker_name":"peer","socket":"\(socketDir)/peer.sock"}],
        "resolved_manifest_snapshot":{"role":"reviewer","model":{"ref":"openai/gpt-4o"}}
        """
        try fixture.writeRecord("api", fixture.record(name: "api", extra: children))
        try fixture.writeRecord("other", fixture.record(name: "other", workspaceRoot: "/elsewhere"))
        try fixture.writeRecord("rootless", #"{"worker_name":"rootless"}"#)
        try fixture.writeRecord("broken", "{")
        try fixture.writeRecord("lost", fixture.record(name: "lost", session: "s9", segment: "g9"))
        let pid = ProcessInfo.processInfo.processIdentifier
        try fixture.writeLiveness(#"{"allocations":[{"worker_name":"api","pid":\#(pid),"socket":"\#(socketDir)/api.sock"}]}"#)
        try fixture.writeSegment(lines: [
            #"{"kind":"user_input","ts":1,"segments":[{"kind":"text","content":"hello"}]}"#,
            "{torn middle",
            #"{"kind":"tool_result","ts":2,"item":{"call_id":"c","summary":"ok"}}"#,
        ])
    }

    @Test func nothingProducedCarriesPathsSocketsOrPids() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try plantHostileInstallation(fixture)
        let pid = ProcessInfo.processInfo.processIdentifier
        let catalog = fixture.catalog()
        let snapshot = catalog.scan()
        #expect(snapshot.workers.map(\.status) == [.live, .active])
        var produced: [String] = [
            try json(snapshot), String(describing: snapshot), dumped(snapshot),
            String(describing: catalog), dumped(catalog), String(describing: fixture.paths), dumped(fixture.paths),
        ]
        for worker in snapshot.workers {
            var transcript = LegacyTranscript(worker: worker, paths: fixture.paths)
            let update = transcript.refresh()
            produced += [
                try json(update.diagnostics), String(describing: update), dumped(update),
                String(describing: transcript), dumped(transcript),
                try json(transcript.page(start: 0, limit: 10)), try json(transcript.tail(limit: 10)),
                String(describing: try transcript.page(start: 0, limit: 10)),
            ]
        }
        let all = produced.joined(separator: "\n")
        #expect(all.contains("local_transcript_missing"))
        #expect(all.contains("local_transcript_line_invalid"))
        #expect(all.contains("local_metadata_invalid"))
        #expect(all.contains("hello"))
        for needle in [".sock", fixture.root.path, fixture.root.lastPathComponent, "sessions/", "metadata.json",
                       "yoi-data", "yoi-run", "socket", "pid", "child", "peer", "callback"] {
            #expect(!all.contains(needle), "found \(needle)")
        }
        #expect(!containsNumber(pid, in: all), "found the pid")
    }

    @Test func registryProjectionsOfLegacyWorkersCarryNoPathsSocketsOrPids() async throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try plantHostileInstallation(fixture)
        let registry = RuntimeRegistry()
        let source = LocalCompatSource(catalog: fixture.catalog())
        try registry.register(source)
        var produced: [String] = []
        func keep(_ value: some Encodable) { produced.append(ProjectionJSON.string(value)); produced.append(String(describing: value)) }
        keep(await registry.runtimes())
        let workers = try await registry.workers()
        keep(workers)
        for worker in workers {
            keep(try await registry.transcriptTail(worker.key, limit: 10))
            keep(try await registry.transcript(worker.key, start: 0, limit: 10))
            produced.append(String(describing: try await source.poll(worker.workerId)))
            keep(try await registry.worker(worker.key))
            do { _ = try await registry.sendInput(worker.key, text: "x") } catch {
                produced += [error.message, String(describing: error)]
            }
        }
        keep(await registry.diagnostics())
        let all = produced.joined(separator: "\n")
        #expect(workers.map(\.status) == [.live, .active])
        #expect(all.contains("local_transcript_missing") && all.contains("local_transcript_line_invalid"))
        #expect(all.contains("local_metadata_invalid") && all.contains("local_workspace_root_missing"))
        for needle in [".sock", fixture.root.path, fixture.root.lastPathComponent, "sessions/", "metadata.json",
                       "yoi-data", "yoi-run", "socket", "pid", "child", "peer", "callback"] {
            #expect(!all.contains(needle), "found \(needle)")
        }
        #expect(!containsNumber(ProcessInfo.processInfo.processIdentifier, in: all), "found the pid")
    }

    /// Whether `number` occurs in `text` as a whole run of digits (not as
    /// part of a longer number or a hex id).
    func containsNumber(_ number: Int32, in text: String) -> Bool {
        let digitLike = Set("0123456789abcdef.")
        var run = ""
        for character in text + " " {
            if digitLike.contains(character) { run.append(character); continue }
            if run == String(number) { return true }
            run = ""
        }
        return false
    }

    func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
