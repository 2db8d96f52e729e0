import Foundation
import Testing

/// `workerdeck archive|unarchive|delete|fork`: each call its own process
/// over the same file store.
@Suite struct CLIFleetTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    func ids(_ cli: CLI, _ args: String...) async throws -> [String] {
        let listed = try await cli.run(["workers", "--runtime", "backend-internal", "--json"] + args)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["worker_id"] as? String }
    }

    @Test func archiveHidesFromWorkersAndArchivedShowsIt() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "one").status == 0)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "two").status == 0)

        let archived = try await cli.run("archive", "backend-internal", "worker-00000001")
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(archived.stdout == "worker-00000001 archived\n")
        #expect(try await ids(cli) == ["worker-00000002"])
        #expect(try await ids(cli, "--archived") == ["worker-00000001", "worker-00000002"])
        let shown = try await cli.run("show", "backend-internal", "worker-00000001", "--json")
        #expect(try object(shown.stdout)["archived"] as? Bool == true)
        let plain = try await cli.run("workers", "--runtime", "backend-internal")
        #expect(!plain.stdout.contains("worker-00000001"))
        let all = try await cli.run("workers", "--runtime", "backend-internal", "--archived")
        #expect(all.stdout.split(separator: "\n").contains { $0.contains("worker-00000001") && $0.contains("(archived)") }, "\(all.stdout)")

        let json = try await cli.run("unarchive", "backend-internal", "worker-00000001", "--json")
        #expect(try object(json.stdout)["archived"] as? Bool == false, "\(json.stderr)")
        #expect(try await ids(cli) == ["worker-00000001", "worker-00000002"])

        let local = try #require((try JSONSerialization.jsonObject(
            with: Data(try await cli.run("workers", "--runtime", "local-compat", "--json").stdout.utf8)) as? [[String: Any]])?
            .first?["worker_id"] as? String)
        for command in ["archive", "unarchive", "fork"] {
            let unsupported = try await cli.run(command, "local-compat", local)
            #expect(unsupported.status == 5, "\(command)")
            #expect(unsupported.stderr == "workerdeck: unsupported: \(command) is not supported by the local_compatibility source\n")
        }
        let delete = try await cli.run("delete", "local-compat", local, "--yes")
        #expect(delete.status == 5 && delete.stderr == "workerdeck: unsupported: delete is not supported by the local_compatibility source\n")
    }

    @Test func forkCopiesUpToAnEntryAndShowNamesTheParent() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "main", "--input", "alpha beta").status == 0)

        let fork = try await cli.run("fork", "backend-internal", "worker-00000001", "--at", "1", "--label", "branch")
        #expect(fork.status == 0, "\(fork.stderr)")
        #expect(fork.stdout == "worker-00000002 forked from worker-00000001 at entry 1 (idle)\n")
        let shown = try await cli.run("show", "backend-internal", "worker-00000002")
        #expect(shown.stdout.contains("parent        worker-00000001 at entry 1"), "\(shown.stdout)")
        let json = try object(try await cli.run("show", "backend-internal", "worker-00000002", "--json").stdout)
        #expect((json["parent"] as? [String: Any])?["entry"] as? Int == 1)
        #expect(json["transcript_len"] as? Int == 1 && json["label"] as? String == "branch")
        let transcript = try await cli.run("transcript", "backend-internal", "worker-00000002", "--json")
        #expect(transcript.stdout.contains("alpha beta"))

        let tooFar = try await cli.run("fork", "backend-internal", "worker-00000001", "--at", "9")
        #expect(tooFar.status == 2)
        #expect(tooFar.stderr == "workerdeck: invalid_request: entry must be 1-2 (worker-00000001 has 2)\n")
    }

    @Test func deleteNeedsYesWithoutATerminalAndRemovesTheWorker() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run("create", "--profile", "scripted", "--input", "hello").status == 0)

        let refused = try await cli.run("delete", "backend-internal", "worker-00000001")
        #expect(refused.status == 2)
        #expect(refused.stderr == "workerdeck: invalid_input: delete asks for confirmation and stdin is not a terminal; pass --yes\n")
        #expect(try await ids(cli) == ["worker-00000001"])

        let deleted = try await cli.run("delete", "backend-internal", "worker-00000001", "--yes", "--json")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try object(deleted.stdout)["directory_removed"] as? Bool == true)
        #expect(try await ids(cli, "--archived") == [])
        #expect(try await cli.run("show", "backend-internal", "worker-00000001").status == 3)
        let events = try await cli.run("events")
        #expect(events.stdout.contains("worker_deleted") && !events.stdout.contains("worker_input_accepted"), "\(events.stdout)")
        #expect(try await cli.run("delete", "backend-internal", "worker-00000001", "--yes").status == 3)
    }

    /// The file-system step: a worktree profile's worktree and branch go with the worker.
    @Test func deleteRemovesTheWorkersWorktreeAndBranch() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(ToolScenarioTests.config)
        try ToolScenarioTests.git(cli, "init", "-q")
        try "one\n".write(to: cli.workspace.appendingPathComponent("file.txt"), atomically: true, encoding: .utf8)
        try ToolScenarioTests.git(cli, "add", "file.txt")
        try ToolScenarioTests.git(cli, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
        let created = try await cli.run("create", "--profile", "tree", "--name", "branchy")
        #expect(created.status == 0, "\(created.stderr)")
        let tree = cli.workspace.appendingPathComponent(".workerdeck/worktrees/worker-00000001")
        #expect(FileManager.default.fileExists(atPath: tree.path), "the spawn made its worktree")
        #expect(try ToolScenarioTests.git(cli, "branch", "--list", "workerdeck/*").contains("workerdeck/worker-00000001"))

        let deleted = try await cli.run("delete", "backend-internal", "worker-00000001", "--yes")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout == "worker-00000001 deleted\n")
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(try ToolScenarioTests.git(cli, "branch", "--list", "workerdeck/*").isEmpty)
        #expect(try ToolScenarioTests.git(cli, "worktree", "list").split(separator: "\n").count == 1)
    }
}
