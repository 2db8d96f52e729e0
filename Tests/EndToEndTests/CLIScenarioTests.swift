import Foundation
import Testing

/// The CLI end to end against a real data dir, a file store and a legacy
/// yoi data dir, each call its own process.
@Suite(.serialized) struct CLIScenarioTests {
    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func aScriptedWorkerAcrossProcesses() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let created = try await cli.run("create", "--profile", "scripted", "--name", "demo", "--input", "hello there operator")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "worker-00000001\n[scripted] operator there hello\n")

        let workers = try json(try await cli.run("workers", "--json").stdout) as? [[String: Any]]
        #expect(workers?.first?["status"] as? String == "stale")
        #expect(workers?.first?["model"] as? String == "scripted/echo")
        #expect(workers?.first?["label"] as? String == "demo")

        // Without --wait the turn must outlive the call: with no owner
        // running, the call starts one in the background (which reconnects
        // the stale worker at start), hands it the input and returns.
        let handed = try await cli.run("send", "backend-internal", "worker-00000001", "again")
        #expect(handed.status == 0, "\(handed.stderr)")
        #expect(handed.stderr.contains("started a background owner"))
        // The turn completes in the owner after the call has returned.
        try await cli.waitFor("the handed-off turn to complete") {
            let shown = try? json(try await cli.run("show", "backend-internal", "worker-00000001", "--json").stdout) as? [String: Any]
            return shown?["transcript_len"] as? Int == 4 && shown?["status"] as? String == "idle"
        }

        // Later calls attach to that owner: the worker is live there.
        let sent = try await cli.run("send", "backend-internal", "worker-00000001", "one more time", "--wait")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout == "[scripted] time more one\n")

        let page = try json(try await cli.run("transcript", "backend-internal", "worker-00000001", "--start", "1", "--limit", "3", "--json").stdout) as? [String: Any]
        #expect(page?["total_items"] as? Int == 6)
        #expect(page?["next_start"] as? Int == 4)
        #expect((page?["items"] as? [[String: Any]])?.map { $0["role"] as? String } == ["user", "assistant", "user"])

        let stopped = try await cli.run("stop", "backend-internal", "worker-00000001")
        #expect(stopped.stdout == "worker-00000001 stopped\n")
        let events = try await cli.run("events", "--json").stdout.split(separator: "\n").compactMap { try? json(String($0)) as? [String: Any] }
        let kinds = events.compactMap { $0["kind"] as? String }
        // Restored by `create`, by the first `workers` (no owner yet: a read
        // opens the store for its call) and once by the background owner,
        // which reconnected the worker at start; every later call attached.
        let lifecycle = kinds.filter { ["worker_execution_stale", "worker_reconnected", "worker_stopped"].contains($0) }
        #expect(lifecycle == ["worker_execution_stale", "worker_reconnected", "worker_stopped"])
        #expect(kinds.filter { $0 == "runtime_started" }.count == 3)

        let limitError = try await cli.run("transcript", "backend-internal", "worker-00000001", "--limit", "0")
        #expect(limitError.status == 2)
    }

    @Test func localCompatWorkersAreReadOnly() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        let runtimes = try await cli.run("runtimes")
        #expect(runtimes.stdout.contains("local-compat      local_compatibility      available"))
        let workers = try json(try await cli.run("workers", "--runtime", "local-compat", "--json").stdout) as? [[String: Any]]
        #expect(workers?.count == 1)
        let id = try #require(workers?.first?["worker_id"] as? String)
        #expect(id.hasPrefix("local-api-"))
        #expect(workers?.first?["implementation_kind"] as? String == "local_compatibility")
        let transcript = try await cli.run("transcript", "local-compat", id)
        #expect(transcript.status == 0)
        #expect(transcript.stdout.contains("looks fine"))
        // The OSC title sequence from the legacy file is gone from plain output.
        #expect(!transcript.stdout.contains("\u{1B}"))
        #expect(!transcript.stdout.contains("\u{07}"))
        let send = try await cli.run("send", "local-compat", id, "hi")
        #expect(send.status == 5)
        #expect(send.stderr == "workerdeck: unsupported: input is not supported by the local_compatibility source\n")
        // The same id is not looked up in the embedded runtime.
        #expect(try await cli.run("show", "backend-internal", id).status == 3)
    }
}
