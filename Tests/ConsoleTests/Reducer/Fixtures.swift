import Foundation
@testable import Console
import Registry

/// Literal worlds for reducer and snapshot tests.
enum Fixtures {
    static let embedded = RuntimeRow(id: "backend-internal", displayName: "Embedded runtime",
                                     implementationKind: .embeddedWorkerRuntime, status: .running,
                                     canCreateWorker: true, workerCount: 2, busyCount: 1)
    static let local = RuntimeRow(id: "local-compat", displayName: "Local compatibility",
                                  implementationKind: .localCompatibility, status: .available,
                                  canCreateWorker: false, workerCount: 1, busyCount: 0,
                                  diagnostics: [DiagnosticRow(code: "local_segment_torn", severity: "warning",
                                                              message: "one legacy record ends mid-line; it was skipped",
                                                              implementationKind: "local_compatibility")])

    static let coderKey = WorkerKey(runtimeId: "backend-internal", workerId: "worker-0000002a")
    static let reviewKey = WorkerKey(runtimeId: "backend-internal", workerId: "worker-0000002b")
    static let localKey = WorkerKey(runtimeId: "local-compat", workerId: "api")

    static let coder = WorkerRow(key: coderKey, label: "coder", status: .busy, profile: "default",
                                 model: "openai/gpt-4o-mini", transcriptLength: 2, inputTokens: 120, outputTokens: 48)
    static let review = WorkerRow(key: reviewKey, label: "review-bot", status: .idle, profile: "scripted",
                                  transcriptLength: 0)
    static let api = WorkerRow(key: localKey, label: nil, implementationKind: .localCompatibility,
                               status: .active, transcriptLength: 1, capabilities: .readOnlyTranscript)

    static let t0 = Date(timeIntervalSince1970: 1_699_920_000 + 43_260) // 2023-11-14 12:01 UTC

    /// Two runtimes, three workers, nothing open.
    static func world() -> AppState {
        var s = AppState(workspaceName: "deck")
        s.runtimes = [embedded, local]
        s.workers = [coder, review, api]
        return s
    }

    static func item(_ seq: Int, _ role: String, _ text: String, kind: String = "message") -> TranscriptRow {
        TranscriptRow(sequence: seq, role: EntryRole(rawValue: role)!, kind: EntryKind(rawValue: kind)!, content: text, createdAt: t0)
    }
}
