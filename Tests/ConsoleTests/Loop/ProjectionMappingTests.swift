import Foundation
import Registry
import Runtime
import Testing
@testable import Console

@Suite struct ProjectionMappingTests {
    static let caps = Capabilities(canListWorkers: true, canGetWorker: true, canAcceptInput: true, canInterrupt: true,
                                   canStop: true, canCancel: true, canReconnect: false, canReadTranscript: true)

    @Test func workerSummaryBecomesASanitisedRow() {
        let summary = WorkerSummary(runtimeId: "backend-internal", workerId: "w1", label: "bot\u{1B}]0;t\u{07}\u{202E}x",
                                    implementationKind: .embeddedWorkerRuntime, status: .idle, runState: .idle,
                                    profile: "default", model: "openai/gpt-4o-mini", transcriptLen: 7,
                                    lastActivityAt: Date(timeIntervalSince1970: 1_800_000_000),
                                    usage: Usage(input: 10, output: 4), capabilities: Self.caps,
                                    diagnostics: [Diagnostic(code: "embedded_x", severity: .warning, message: "m\u{9B}2J",
                                                             implementationKind: .embeddedWorkerRuntime)])
        #expect(WorkerRow(summary) == WorkerRow(
            key: WorkerKey(runtimeId: "backend-internal", workerId: "w1"), label: "bot⍰x",
            implementationKind: .embeddedWorkerRuntime, status: .idle, profile: "default", model: "openai/gpt-4o-mini",
            transcriptLength: 7, inputTokens: 10, outputTokens: 4,
            capabilities: WorkerCapabilities(acceptInput: true, interrupt: true, stop: true, cancel: true, reconnect: false, readTranscript: true),
            diagnostics: [DiagnosticRow(code: "embedded_x", severity: "warning", message: "m", implementationKind: "embedded_worker_runtime")],
            lastActivityAt: Date(timeIntervalSince1970: 1_800_000_000)))
    }

    @Test func labelEqualToTheIdIsNoLabel() {
        let summary = WorkerSummary(runtimeId: "local-compat", workerId: "api", label: "api",
                                    implementationKind: .localCompatibility, status: .active, runState: .idle)
        #expect(WorkerRow(summary).label == nil)
        #expect(WorkerRow(summary).isLocal)
    }

    @Test func onlyAnObservedStoreIsObserverMode() {
        let observed = RuntimeSummary(runtimeId: "backend-internal", displayName: "Embedded runtime",
                                      implementationKind: .embeddedWorkerRuntime, status: .readOnly,
                                      capabilities: Capabilities(readOnly: true), counts: .init(workers: 2, busy: 1), diagnostics: [])
        let local = RuntimeSummary(runtimeId: "local-compat", displayName: "Local compatibility",
                                   implementationKind: .localCompatibility, status: .available,
                                   capabilities: Capabilities(readOnly: true), counts: .init(), diagnostics: [])
        #expect(RuntimeRow(observed).readOnly)
        #expect(RuntimeRow(observed).workerCount == 2)
        #expect(!RuntimeRow(local).readOnly)
        #expect(RuntimeRow(local).badge == "local")
    }

    @Test func liveUpdatesBecomeActions() {
        let key = WorkerKey(runtimeId: "backend-internal", workerId: "w1")
        let when = Date(timeIntervalSince1970: 0)
        #expect(Action(.delta(key, turn: 3, text: "hi")) == .turnDeltaArrived(key, turn: "3", text: "hi"))
        #expect(Action(.turnStarted(key, turn: 3)) == .turnStarted(key, turn: "3"))
        #expect(Action(.turnEnded(key, turn: 3, ending: .completed)) == .turnEnded(key, turn: "3", outcome: .completed))
        #expect(Action(.entry(key, TranscriptItem(sequence: 2, role: .assistant, kind: .message, content: "a\u{1B}[2Jb", createdAt: when)))
                == .entryCommitted(key, TranscriptRow(sequence: 2, role: .assistant, kind: .message, content: "ab", createdAt: when)))
        #expect(Action(.usage(key, turn: 3, Usage(input: 1))) == nil)
    }

    @Test func registryErrorsBecomeOneSentence() {
        let error = RegistryError.unsupported(operation: "input", implementationKind: .localCompatibility)
        #expect(RegistryBackend.failure(error).message == "input is not supported by the local_compatibility source")
    }
}
