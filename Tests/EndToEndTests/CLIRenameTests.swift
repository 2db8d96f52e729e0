import Foundation
import Testing

/// `workerdeck rename R W LABEL`: each call its own process over the same
/// file store, so the label is read back from disk.
@Suite struct CLIRenameTests {
    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test func renamePersistsAndRefusalsExitWithTheirCodes() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "draft").status == 0)

        let renamed = try await cli.run("rename", "backend-internal", "worker-00000001", "nightly/build")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout == "worker-00000001 renamed to nightlybuild\n")
        #expect(try await cli.run("stop", "backend-internal", "worker-00000001").status == 0)
        let json = try await cli.run("rename", "backend-internal", "worker-00000001", "done", "--json")
        #expect(try object(json.stdout)["label"] as? String == "done", "\(json.stderr)")
        let shown = try await cli.run("show", "backend-internal", "worker-00000001", "--json")
        #expect(try object(shown.stdout)["label"] as? String == "done")
        #expect(try object(shown.stdout)["status"] as? String == "stopped")
        let events = try await cli.run("events")
        #expect(events.stdout.components(separatedBy: "worker_renamed").count == 3, "\(events.stdout)")

        let blank = try await cli.run("rename", "backend-internal", "worker-00000001", " / ")
        #expect(blank.status == 2)
        #expect(blank.stderr == "workerdeck: invalid_request: label must be 1-80 visible characters\n")
        #expect(try await cli.run("rename", "backend-internal", "worker-000000ff", "x").status == 3)

        let local = try #require((try JSONSerialization.jsonObject(
            with: Data(try await cli.run("workers", "--runtime", "local-compat", "--json").stdout.utf8)) as? [[String: Any]])?
            .first?["worker_id"] as? String)
        let unsupported = try await cli.run("rename", "local-compat", local, "mine")
        #expect(unsupported.status == 5)
        #expect(unsupported.stderr == "workerdeck: unsupported: rename is not supported by the local_compatibility source\n")
    }
}
