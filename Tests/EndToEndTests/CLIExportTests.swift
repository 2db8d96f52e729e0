import Foundation
import Testing

/// `workerdeck export R W --format md|jsonl [--output FILE]`, each call its
/// own process over the same file store.
@Suite struct CLIExportTests {
    @Test func exportsBothFormatsToStdoutOrAFileAndLocalWorkersToo() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        #expect(try await cli.run("create", "--profile", "scripted", "--name", "js", "--input", "one two").status == 0)

        let jsonl = try await cli.run("export", "backend-internal", "worker-00000001", "--format", "jsonl")
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["content"] as? String == "[scripted] two one" && second["sequence"] as? Int == 2)

        let file = cli.root.appendingPathComponent("js.md")
        let md = try await cli.run("export", "backend-internal", "worker-00000001", "--format", "md", "--output", file.path)
        #expect(md.status == 0 && md.stdout.isEmpty, "\(md.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# Transcript of js (worker-00000001)\n"))
        #expect(text.contains("\n```text\n[scripted] two one\n```\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.root.path).filter { $0.contains("partial") }.isEmpty)
        // With --json, a file export reports what it wrote.
        let reported = try await cli.run("export", "backend-internal", "worker-00000001", "--format", "jsonl",
                                         "--output", cli.root.appendingPathComponent("js.jsonl").path, "--json")
        #expect(reported.stdout == #"{"entries":2,"format":"jsonl"}"# + "\n", "\(reported.stderr)")

        let local = try #require((try JSONSerialization.jsonObject(
            with: Data(try await cli.run("workers", "--runtime", "local-compat", "--json").stdout.utf8)) as? [[String: Any]])?
            .first?["worker_id"] as? String)
        let legacy = try await cli.run("export", "local-compat", local, "--format", "md")
        #expect(legacy.status == 0, "\(legacy.stderr)")
        #expect(legacy.stdout.hasPrefix("# Transcript of "))
    }

    @Test func failuresExitWithTheirCodesAndLeaveNoFile() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try await cli.run("create", "--profile", "scripted").status == 0)
        let file = cli.root.appendingPathComponent("none.jsonl")
        let unknown = try await cli.run("export", "backend-internal", "worker-000000ff", "--format", "jsonl", "--output", file.path)
        #expect(unknown.status == 3)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try await cli.run("export", "backend-internal", "worker-00000001", "--format", "html").status == 2)
        let nowhere = cli.root.appendingPathComponent("missing/dir/out.md").path
        let unwritable = try await cli.run("export", "backend-internal", "worker-00000001", "--format", "md", "--output", nowhere)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr == "workerdeck: invalid_input: cannot write the --output file: check that its directory exists and is writable\n")
    }
}
