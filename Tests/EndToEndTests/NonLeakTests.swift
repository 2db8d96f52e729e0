import Foundation
import Testing

/// registry.md's non-leak rule, strictly: a full scenario (create, input,
/// reply, a failed turn with a planted key, restart, local workers with
/// socket paths), then every output of every command, the store file and
/// the log are scanned. Only `doctor` may show paths.
@Suite(.serialized) struct NonLeakTests {
    static let plantedKey = "sk-planted-7Hq2ZrX9vB4nK8mW3cY6tJ1pL5dF0gA"

    @Test func nothingPrivateReachesAnyOutput() async throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        cli.extraEnvironment["WD_PLANTED_KEY"] = Self.plantedKey
        try cli.writeConfig("""
            [providers.broken]
            scheme = "openai_chat"
            base_url = "http://127.0.0.1:9/v1"
            auth = { env = "WD_PLANTED_KEY" }

            [profiles.broken]
            model = "broken/some-model"
            """)
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)

        var outputs: [(String, String)] = []
        func record(_ args: String...) async throws -> CLI.Result {
            let result = try await cli.run(args)
            outputs.append((args.joined(separator: " "), result.stdout + result.stderr))
            return result
        }

        #expect(try await record("create", "--profile", "scripted", "--input", "hello").status == 0)
        let failed = try await record("create", "--profile", "broken", "--name", "doomed", "--input", "this turn fails")
        #expect(failed.status == 1, "a failed turn ends the CLI with status 1: \(failed.stderr)")
        #expect(try await record("send", "backend-internal", "worker-00000001", "again", "--wait", "--reconnect").status == 0)
        // Restart: a new process restores the store.
        for json in [[], ["--json"]] {
            _ = try await cli.run(["runtimes"] + json).merge(into: &outputs, "runtimes \(json)")
            _ = try await cli.run(["workers"] + json).merge(into: &outputs, "workers \(json)")
            for worker in ["worker-00000001", "worker-00000002"] {
                _ = try await cli.run(["show", "backend-internal", worker] + json).merge(into: &outputs, "show \(worker)")
                _ = try await cli.run(["transcript", "backend-internal", worker] + json).merge(into: &outputs, "transcript \(worker)")
            }
            _ = try await cli.run(["events"] + json).merge(into: &outputs, "events \(json)")
        }
        let local = try await cli.run("workers", "--runtime", "local-compat", "--json")
        outputs.append(("local workers", local.stdout + local.stderr))
        let localIds = (try JSONSerialization.jsonObject(with: Data(local.stdout.utf8)) as? [[String: Any]] ?? [])
            .compactMap { $0["worker_id"] as? String }
        #expect(localIds.count == 1)
        for id in localIds {
            _ = try await cli.run(["show", "local-compat", id, "--json"]).merge(into: &outputs, "show local")
            _ = try await cli.run(["transcript", "local-compat", id, "--json"]).merge(into: &outputs, "transcript local")
            _ = try await cli.run(["transcript", "local-compat", id]).merge(into: &outputs, "transcript local plain")
            _ = try await cli.run(["send", "local-compat", id, "x", "--wait"]).merge(into: &outputs, "send local")
        }
        // The failed turn's error entry is there, and says what happened.
        let transcript = try await cli.run("transcript", "backend-internal", "worker-00000002", "--json").stdout
        #expect(transcript.contains("\"kind\":\"error\""))

        let forbidden = [cli.root.path, cli.legacyDir.path, cli.dataDir.path, ".sock", "sessions/", "metadata.json",
                         "sqlite", Self.plantedKey, String(Self.plantedKey.prefix(16)), "Bearer"]
        for (command, text) in outputs {
            for needle in forbidden {
                #expect(!text.contains(needle), "\(command) leaked \(needle):\n\(text)")
            }
        }
        // The store file and the log hold no key and no private path either.
        let storeDir = try FileManager.default.subpathsOfDirectory(atPath: cli.dataDir.path)
        let files = storeDir.filter { $0.hasSuffix("runtime.sqlite") || $0.hasSuffix("runtime.sqlite-wal") || $0.hasSuffix(".log") }
        #expect(files.contains { $0.hasSuffix("runtime.sqlite") })
        for file in files {
            let data = try Data(contentsOf: cli.dataDir.appendingPathComponent(file))
            let text = String(decoding: data, as: UTF8.self)
            for needle in [Self.plantedKey, String(Self.plantedKey.prefix(16)), "Bearer", cli.root.path, ".sock"] {
                #expect(!text.contains(needle), "\(file) holds \(needle)")
            }
        }
    }
}

extension CLI.Result {
    func merge(into outputs: inout [(String, String)], _ label: String) -> CLI.Result {
        outputs.append((label, stdout + stderr))
        return self
    }
}
