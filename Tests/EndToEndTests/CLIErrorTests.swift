import Foundation
import Testing

@Suite struct CLIErrorTests {
    @Test func errorsAreOneLineWithTheirExitCode() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let invalid = try await cli.run("show", "backend-internal", "../../etc/passwd")
        #expect(invalid.status == 2)
        #expect(invalid.stderr == "workerdeck: invalid_identifier: invalid worker id: use 1-120 characters of A-Z a-z 0-9 _ : -\n")
        #expect(invalid.stdout.isEmpty)

        let unknownRuntime = try await cli.run("workers", "--runtime", "nowhere")
        #expect(unknownRuntime.status == 3)
        #expect(unknownRuntime.stderr == "workerdeck: unknown_runtime: no runtime nowhere\n")

        let unknownWorker = try await cli.run("show", "backend-internal", "worker-000000ff", "--json")
        #expect(unknownWorker.status == 3)
        let json = try JSONSerialization.jsonObject(with: Data(unknownWorker.stderr.utf8)) as? [String: [String: String]]
        #expect(json?["error"]?["code"] == "unknown_worker")
        #expect(json?["error"]?["message"] == "no worker worker-000000ff in runtime backend-internal")

        let badLimit = try await cli.run("events", "--from", "0")
        #expect(badLimit.status == 2)
    }

    @Test func aBrokenConfigNamesFileAndLine() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig("[console]\ntheme = \n")
        let result = try await cli.run("runtimes")
        #expect(result.status == 2)
        // The full path (home folded to ~), the line and the column.
        #expect(result.stderr.hasPrefix("workerdeck: config_invalid: "))
        #expect(result.stderr.contains("/config.toml:2:"))
    }

    @Test func runtimesListsTheEmbeddedRuntimeAsJSON() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let result = try await cli.run("runtimes", "--json")
        #expect(result.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(list?.first?["runtime_id"] as? String == "backend-internal")
        #expect(list?.first?["implementation_kind"] as? String == "embedded_worker_runtime")
        #expect(list?.first?["display_name"] as? String == "Embedded runtime")
    }
}
