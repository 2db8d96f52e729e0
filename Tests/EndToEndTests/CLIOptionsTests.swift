import Foundation
import Testing

/// layout.md's CLI rules, each call its own process: global options on
/// either side of the subcommand, parse errors exit 2 in the error shape,
/// `--json` everywhere.
@Suite struct CLIOptionsTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        // A config the default lookup would not find: only --config reaches it.
        let config = cli.root.appendingPathComponent("elsewhere.toml")
        try """
            [providers.elsewhere]
            scheme = "scripted"
            """.write(to: config, atomically: true, encoding: .utf8)
        for args in [["--config", config.path, "doctor"], ["doctor", "--config", config.path]] {
            let doctor = try await cli.run(args)
            #expect(doctor.status == 0, "\(args): \(doctor.stderr)")
            #expect(doctor.stdout.contains("  elsewhere scheme=scripted"), "\(args) did not read the config")
        }

        // --store and --ephemeral on either side change where workers live.
        let store = cli.root.appendingPathComponent("other-store")
        let created = try await cli.run("--store", store.path, "create", "--profile", "scripted", "--name", "moved")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("runtime.sqlite").path))
        let there = try await cli.run("workers", "--json", "--store", store.path)
        #expect(there.stdout.contains("\"label\":\"moved\""))
        #expect(try await cli.run("workers", "--json").stdout == "[]\n", "the default store is untouched")
        let ephemeral = try await cli.run("--ephemeral", "doctor")
        #expect(ephemeral.stdout.contains("  ephemeral: nothing on disk"))
        let workspace = try await cli.run("--workspace", cli.legacyDir.path, "doctor", "--json")
        let paths = try object(workspace.stdout)["paths"] as? [String: Any]
        #expect((paths?["workspace_id"] as? String)?.hasPrefix("yoi-") == true)
    }

    @Test func parseErrorsExitTwoInTheErrorShape() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let missing = try await cli.run("send", "backend-internal")
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr == "workerdeck: invalid_arguments: Missing expected argument '<worker>' (see 'workerdeck send --help')\n")

        let unknown = try await cli.run("workers", "--bogus")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("workerdeck: invalid_arguments: Unknown option '--bogus'"))
        #expect(unknown.stderr.split(separator: "\n").count == 1, "one line: \(unknown.stderr)")

        let json = try await cli.run("show", "backend-internal", "--json")
        #expect(json.status == 2)
        let error = try object(json.stderr)["error"] as? [String: String]
        #expect(error?["code"] == "invalid_arguments")
        #expect(error?["message"] == "Missing expected argument '<worker>' (see 'workerdeck show --help')")

        let start = try await cli.run("transcript", "backend-internal", "worker-00000001", "--start", "0")
        #expect(start.status == 2)
        #expect(start.stderr.hasPrefix("workerdeck: invalid_arguments: --start counts entries from 1"))

        // Help is not an error.
        let help = try await cli.run("send", "--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: workerdeck send"))
    }

    /// Every subcommand but the console itself takes `--json`, so a new
    /// subcommand without it fails here.
    @Test func everySubcommandTakesJSON() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let help = try await cli.run("--help")
        // Names stand two spaces in; wrapped abstracts are indented further.
        let section = help.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        var subcommands: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
            guard let name = line.split(separator: " ").first else { continue }
            // `serve` prints nothing to parse; `token` is a group (its subcommands take --json).
            if !["console", "help", "See", "serve", "token"].contains(String(name)) { subcommands.append(String(name)) }
        }
        #expect(subcommands.contains("interrupt"))
        #expect(subcommands.count >= 12, "\(subcommands)")
        for name in subcommands {
            let usage = try await cli.run(name, "--help")
            #expect(usage.stdout.contains("--json"), "\(name) has no --json")
        }
        for name in ["create", "list", "revoke"] {
            #expect(try await cli.run("token", name, "--help").stdout.contains("--json"), "token \(name) has no --json")
        }
    }

    @Test func mutatingCommandsPrintJSON() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let created = try await cli.run("create", "--profile", "scripted", "--name", "js", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        let worker = try #require(try object(created.stdout)["worker"] as? [String: Any])
        #expect(worker["worker_id"] as? String == "worker-00000001")
        #expect(worker["label"] as? String == "js")

        let replied = try await cli.run("create", "--profile", "scripted", "--input", "one two", "--json")
        #expect(replied.status == 0, "\(replied.stderr)")
        let first = try object(replied.stdout)
        #expect((first["worker"] as? [String: Any])?["transcript_len"] as? Int == 2)
        #expect(first["turn"] as? [String: String] == ["ending": "completed", "reply": "[scripted] two one"])

        let sent = try await cli.run("send", "backend-internal", "worker-00000002", "three four", "--reconnect", "--wait", "--json")
        #expect(sent.status == 0, "\(sent.stderr)")
        let reply = try object(sent.stdout)
        #expect((reply["accepted"] as? [String: Any])?["transcript_sequence"] as? Int == 3)
        #expect(reply["turn"] as? [String: String] == ["ending": "completed", "reply": "[scripted] four three"])

        let reconnected = try await cli.run("reconnect", "backend-internal", "worker-00000001", "--json")
        #expect(try object(reconnected.stdout)["status"] as? String == "idle", "\(reconnected.stderr)")
        let stopped = try await cli.run("stop", "backend-internal", "worker-00000001", "--json")
        #expect(try object(stopped.stdout)["status"] as? String == "stopped", "\(stopped.stderr)")
        let cancelled = try await cli.run("cancel", "backend-internal", "worker-00000002", "--json")
        #expect(try object(cancelled.stdout)["status"] as? String == "cancelled", "\(cancelled.stderr)")

        // Their errors take the JSON shape too.
        let unknown = try await cli.run("stop", "backend-internal", "worker-000000ff", "--json")
        #expect(unknown.status == 3)
        #expect((try object(unknown.stderr)["error"] as? [String: String])?["code"] == "unknown_worker")
        let doctor = try await cli.run("doctor", "--json")
        #expect((try object(doctor.stdout)["store"] as? [String: Any])?["owner"] as? String == "this_process")
    }

    @Test func startCountsLikeTheEntryNumbers() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run("create", "--profile", "scripted", "--input", "a b").status == 0)
        #expect(try await cli.run("send", "backend-internal", "worker-00000001", "c d", "--reconnect", "--wait").status == 0)

        let second = try await cli.run("transcript", "backend-internal", "worker-00000001", "--start", "2", "--limit", "2")
        #expect(second.stdout.hasPrefix("#2 assistant "), "\(second.stdout)")
        #expect(second.stdout.contains("\n[scripted] b a\n"))
        #expect(second.stdout.hasSuffix("entries 2-3 of 4; next: --start 4\n"))

        let page = try object(try await cli.run("transcript", "backend-internal", "worker-00000001",
                                                "--start", "1", "--limit", "3", "--json").stdout)
        #expect(page["start"] as? Int == 1)
        #expect(page["next_start"] as? Int == 4)
        #expect((page["items"] as? [[String: Any]])?.map { $0["sequence"] as? Int } == [1, 2, 3])
        // next_start feeds --start.
        let next = try object(try await cli.run("transcript", "backend-internal", "worker-00000001",
                                                "--start", "4", "--json").stdout)
        #expect((next["items"] as? [[String: Any]])?.map { $0["sequence"] as? Int } == [4])
        #expect(next["next_start"] == nil)
    }

    @Test func interruptIsASubcommand() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        #expect(try await cli.run("create", "--profile", "scripted").status == 0)
        // Each CLI call is its own process, so no turn of this one runs here.
        let idle = try await cli.run("interrupt", "backend-internal", "worker-00000001")
        // The worker's state refuses it, not the input: rejected, exit 4.
        #expect(idle.status == 4)
        #expect(idle.stderr == "workerdeck: nothing_to_interrupt: nothing to interrupt: worker-00000001 is not running a turn\n")
        let json = try await cli.run("interrupt", "backend-internal", "worker-00000001", "--json")
        #expect((try object(json.stderr)["error"] as? [String: String])?["code"] == "nothing_to_interrupt")

        let local = try #require((try JSONSerialization.jsonObject(
            with: Data(try await cli.run("workers", "--runtime", "local-compat", "--json").stdout.utf8)) as? [[String: Any]])?
            .first?["worker_id"] as? String)
        let unsupported = try await cli.run("interrupt", "local-compat", local)
        #expect(unsupported.status == 5)
        #expect(unsupported.stderr == "workerdeck: unsupported: interrupt is not supported by the local_compatibility source\n")
    }

    @Test func anUnavailableRuntimeExitsSix() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        let store = cli.root.appendingPathComponent("broken-store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: store.appendingPathComponent("runtime.sqlite"))

        let workers = try await cli.run("workers", "--store", store.path)
        #expect(workers.status == 6)
        #expect(workers.stderr.hasPrefix("workerdeck: store_corrupt: "), "\(workers.stderr)")
        #expect(workers.stderr.split(separator: "\n").count == 1)
        // The runtimes that answer are still listed.
        #expect(workers.stdout.contains("local-compat"))
        #expect(!workers.stdout.contains("backend-internal"))

        let json = try await cli.run("workers", "--json", "--store", store.path)
        #expect(json.status == 6)
        #expect((try object(json.stderr)["error"] as? [String: String])?["code"] == "store_corrupt")

        #expect(try await cli.run("workers", "--runtime", "backend-internal", "--store", store.path).status == 6)
        #expect(try await cli.run("workers", "--runtime", "local-compat", "--store", store.path).status == 0)
        #expect(try await cli.run("create", "--profile", "scripted", "--store", store.path).status == 6)
        // `runtimes` reports the state rather than requesting a runtime.
        let runtimes = try await cli.run("runtimes", "--store", store.path)
        #expect(runtimes.status == 0)
        #expect(runtimes.stdout.contains("unavailable"))
        #expect(try Data(contentsOf: store.appendingPathComponent("runtime.sqlite")) == Data(repeating: 0x41, count: 8192),
                "a store that failed to open is never written")
    }
}
