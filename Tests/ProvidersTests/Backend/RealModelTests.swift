import Foundation
import Runtime
import Testing
@testable import Providers

/// One real streamed turn through `openai_chat` against a real model
/// server, when `WORKERDECK_REAL_LLM_URL` names one (for example
/// `make local-llm`: `http://127.0.0.1:8088/v1`). Asserts structure, not wording.
@Suite(.timeLimit(.minutes(5))) struct RealModelTests {
    static let url = ProcessInfo.processInfo.environment["WORKERDECK_REAL_LLM_URL"]

    @Test func skippedWithoutARealModel() {
        if Self.url == nil {
            print("RealModelTests: skipped — set WORKERDECK_REAL_LLM_URL (e.g. http://127.0.0.1:8088/v1 after `make local-llm`) to run one real streamed turn")
        }
    }

    @Test(.enabled(if: url != nil, "set WORKERDECK_REAL_LLM_URL to run against a real model"))
    func oneRealStreamedTurn() async throws {
        let (config, _) = try ProvidersConfig.decode(ConfigDocument(file: "real.toml", entries: [
            ("providers.real.scheme", "openai_chat"),
            ("providers.real.base_url", .string(Self.url ?? "")),
            ("providers.real.auth", "none"),
            ("profiles.real.model", "real/smollm2"),
            ("profiles.real.system_prompt", "You are a helpful assistant. Answer in one short sentence."),
            ("profiles.real.max_tokens", 48),
            ("profiles.real.temperature", 0),
        ]))
        let backend = LLMBackend(config: config, environment: [:])
        defer { Task { await backend.shutdown() } }
        let runtime = try WorkerRuntime(workspaceId: "ws-real", store: MemoryStore(), backend: backend)
        let ref = try await runtime.createWorker(profile: "real").ref
        let events = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: "What colour is the sky on a clear day?")
        let seen = await Harness.collectUntilTurnEnds(events)
        #expect(seen.ending == .completed)
        #expect(!seen.deltas.isEmpty)
        let entries = try await runtime.transcript(ref, start: 0, limit: 10).items
        #expect(entries.map(\.role) == [.user, .assistant])
        #expect(entries[1].content == seen.deltas.joined())
        #expect(!entries[1].content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        // llama-cpp-python's server sends no usage in streams; others do.
        if let usage = entries[1].usage { #expect(usage.output > 0) }
    }
}
