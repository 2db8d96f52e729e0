import Foundation
import Runtime
import Testing
@testable import Providers

/// R4 for the providers: a planted key, sent to a server that echoes it
/// back in error bodies and URLs, appears in no transcript entry, event,
/// diagnostic, live event or worker record.
@Suite(.timeLimit(.minutes(1))) struct SecretLeakTests {
    @Test func plantedKeyAppearsNowhereAfterAFullFaultScenario() async throws {
        try await Harness.with { harness in
            let live = await harness.runtime.observeAll()
            let collector = Task {
                var all: [WorkerLiveEvent] = []
                for await event in live { all.append(event) }
                return all
            }
            var refs: [WorkerRef] = []
            for profile in ["normal", "unauthorized", "a-unauthorized", "drop", "garbage", "ratelimit", "hang-4", "tool", "a-drop"] {
                let ref = try await harness.createWorker(profile)
                refs.append(ref)
                // hang-4 never answers: its four headers timeouts elapse on cue.
                async let elapsed: Void = profile == "hang-4" ? harness.elapseHeadersTimeouts(model: "hang.4", count: 4) : ()
                _ = try await harness.turn(ref, "hello with \(profile)")
                await elapsed
            }
            var texts: [String] = []
            for ref in refs {
                texts += try await harness.transcript(ref).map(\.content)
                texts.append("\(try await harness.runtime.worker(ref))")
            }
            let events = try await harness.runtime.events(.fromStart(.embedded), limit: 256)
            texts += events.events.map { "\($0)" }
            texts += await harness.runtime.allDiagnostics().map { "\($0)" }
            await harness.backend.shutdown()
            try await harness.runtime.stopRuntime()
            collector.cancel()
            texts += await collector.value.map { "\($0)" }

            #expect(texts.contains { $0.contains("<redacted>") }, "the scenario did put the key into error bodies")
            for key in [Harness.plantedKey, Harness.plantedAnthropicKey] {
                let core = String(key.suffix(20))
                for text in texts {
                    #expect(!text.contains(core), "leaked in: \(text)")
                }
            }
        }
    }
}
