import Foundation
import Runtime
import Testing
@testable import Providers

/// One real streamed turn through `openai_chat` against a real model
/// server, when `WORKERDECK_REAL_LLM_URL` names one (for example
/// `make local-llm`: `http://127.0.0.1:8088/v1`); Swift Testing reports it
/// skipped, with how to enable it, otherwise. Asserts structure, not wording.
@Suite(.timeLimit(.minutes(5))) struct RealModelTests {
    static let url = ProcessInfo.processInfo.environment["WORKERDECK_REAL_LLM_URL"]

    /// The config the real-model test uses: a keyless provider at `url`.
    static func config(url: String) throws -> ProvidersConfig {
        try ProvidersConfig.decode(ConfigDocument(file: "real.toml", entries: [
            ("providers.real.scheme", "openai_chat"),
            ("providers.real.base_url", .string(url)),
            ("providers.real.auth", "none"),
            ("profiles.real.model", "real/smollm2"),
            ("profiles.real.system_prompt", "You are a helpful assistant. Answer in one short sentence."),
            ("profiles.real.max_tokens", 48),
            ("profiles.real.temperature", 0),
        ])).config
    }

    /// Runs without a model, so the optional test cannot rot unnoticed: its
    /// config still decodes and its profile resolves to the URL it was given.
    @Test func theRealModelConfigResolvesForTheDocumentedURL() throws {
        let config = try Self.config(url: "http://127.0.0.1:8088/v1")
        #expect(config.resolveProfile(named: "real", environment: [:])
            == .resolved(ResolvedProfile(name: "real", model: "real/smollm2")))
        #expect(config.providers["real"]?.endpoint == "127.0.0.1:8088")
        #expect(config.profiles["real"]?.maxTokens == 48)
    }

    @Test(.enabled(if: url != nil, "set WORKERDECK_REAL_LLM_URL (e.g. http://127.0.0.1:8088/v1 after `make local-llm`) to run one real streamed turn"))
    func oneRealStreamedTurn() async throws {
        let backend = LLMBackend(config: try Self.config(url: Self.url ?? ""), environment: [:])
        let runtime = try WorkerRuntime(workspaceId: "ws-real", store: MemoryStore(), backend: backend)
        let ref = try await runtime.createWorker(profile: "real").ref
        let events = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: "What colour is the sky on a clear day?")
        let seen = await Harness.collectUntilTurnEnds(events)
        await backend.shutdown()
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
