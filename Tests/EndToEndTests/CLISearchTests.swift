import Foundation
import Testing

/// `workerdeck search TEXT`: each call its own process over the same file
/// store, so the matches come from the FTS5 index on disk.
@Suite struct CLISearchTests {
    func array(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "not a JSON array: \(text)")
    }

    @Test func searchFindsEveryWorkersEntriesAndRefusesTextWithoutAWord() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "a", "--input", "please deploy staging").status == 0)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "b", "--input", "deploy \u{1B}[31mred\u{1B}[0m now").status == 0)

        let table = try await cli.run("search", "deploy")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("RUNTIME"))
        #expect(table.stdout.contains("worker-00000001") && table.stdout.contains("worker-00000002"))
        #expect(table.stdout.contains("deploy red now") && !table.stdout.contains("\u{1B}"), "snippets are sanitised")

        let json = try array(try await cli.run("search", "DEPLOY staging", "--json").stdout)
        let users = json.filter { $0["role"] as? String == "user" }
        #expect(users.map { $0["worker_id"] as? String } == ["worker-00000001"])
        #expect(users.first?["sequence"] as? Int == 1 && users.first?["runtime_id"] as? String == "backend-internal")
        #expect(try array(try await cli.run("search", "deploy", "--limit", "1", "--json").stdout).count == 1)

        let blank = try await cli.run("search", "**")
        #expect(blank.status == 2)
        #expect(blank.stderr == "workerdeck: invalid_request: search needs a word with a letter or digit\n")
        #expect(try await cli.run("search", "deploy", "--runtime", "local-compat").status == 0, "local-compat answers search")
        #expect(try await cli.run("search", "deploy", "--runtime", "nowhere").status == 3)
    }
}
