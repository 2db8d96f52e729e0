import Foundation
import Registry
@testable import Server
import Testing
import TestSupport

/// Every route's happy path over the workspace socket.
@Suite struct RoutesTests {
    let r = ServerHarness.runtimeId

    @Test func versionRuntimesAndWorkersAnswerTheirProjections() async throws {
        try await withServer { h in
            let version = try await h.send(.GET, "/v1/version").decode(APIVersionInfo.self)
            #expect(version == APIVersionInfo(version: "9.9.9-test"))

            let runtimes = try await h.send(.GET, "/v1/runtimes").decode([RuntimeSummary].self)
            #expect(runtimes.map(\.runtimeId) == [r])
            #expect(try await h.send(.GET, "/v1/runtimes/\(r)").decode(RuntimeSummary.self).runtimeId == r)

            let worker = try await h.createWorker(label: "first")
            #expect(worker.label == "first" && worker.runtimeId == r)
            _ = try await h.createWorker(label: "second")
            let page = try await h.send(.GET, "/v1/runtimes/\(r)/workers?limit=1").decode(WorkersPage.self)
            #expect(page.workers.count == 1 && page.truncated)
            let all = try await h.send(.GET, "/v1/runtimes/\(r)/workers").decode(WorkersPage.self)
            #expect(all.workers.count == 2 && !all.truncated)
            // The next page starts after the last id of a truncated one.
            let next = try await h.send(.GET, "/v1/runtimes/\(r)/workers?limit=1&after=\(page.workers[0].workerId)").decode(WorkersPage.self)
            #expect(next.workers.map(\.label) == ["second"] && !next.truncated)
            let bad = try await h.send(.GET, "/v1/runtimes/\(r)/workers?after=nonsense")
            #expect(bad.status == 404, "\(bad.status) \(bad.text)")
            let detail = try await h.send(.GET, "/v1/runtimes/\(r)/workers/\(worker.workerId)")
            #expect(detail.status == 200)
            #expect(try detail.decode(WorkerSummary.self).workerId == worker.workerId)
        }
    }

    @Test func inputTranscriptAndEventsFollowATurn() async throws {
        try await withServer { h in
            h.backend.set { $0.turn = .replySynchronously("hello back") }
            let worker = try await h.createWorker()
            let base = "/v1/runtimes/\(r)/workers/\(worker.workerId)"
            let input = try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "hi")))
            #expect(input.status == 202)
            let accepted = try input.decode(InputAccepted.self)
            #expect(accepted.workerId == worker.workerId)

            try await eventually("the reply is committed") {
                try await h.send(.GET, "\(base)/transcript").decode(TranscriptPage.self).totalItems == 2
            }
            let page = try await h.send(.GET, "\(base)/transcript?start=1&limit=1").decode(TranscriptPage.self)
            #expect(page.items.map(\.content) == ["hello back"])
            let tail = try await h.send(.GET, "\(base)/transcript?tail=1").decode(TranscriptPage.self)
            #expect(tail.items.map(\.content) == ["hello back"])

            let events = try await h.send(.GET, "/v1/runtimes/\(r)/events?from=1&limit=1000").decode(EventsPage.self)
            #expect(events.events.contains { $0.id == accepted.eventId })
            let later = try await h.send(.GET, "/v1/runtimes/\(r)/events?from=\(events.nextCursor)").decode(EventsPage.self)
            #expect(later.events.isEmpty && later.nextCursor == events.nextCursor)
        }
    }

    @Test func workerActionsAnswerTheWorkerSummary() async throws {
        try await withServer { h in
            let worker = try await h.createWorker()
            let base = "/v1/runtimes/\(r)/workers/\(worker.workerId)"
            #expect(try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "work"))).status == 202)
            let interrupted = try await h.send(.POST, "\(base)/interrupt")
            #expect(interrupted.status == 200)
            #expect(try interrupted.decode(WorkerSummary.self).workerId == worker.workerId)
            // A second input while idle again, then stop and cancel.
            let stopped = try await h.send(.POST, "\(base)/stop")
            #expect(stopped.status == 200)
            #expect(try stopped.decode(WorkerSummary.self).status == .stopped)
            let reconnect = try await h.send(.POST, "\(base)/reconnect")
            // A stopped worker cannot be reconnected: a typed conflict, not a 5xx.
            #expect([200, 409].contains(reconnect.status))
            let other = try await h.createWorker(label: "other")
            let cancelled = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(other.workerId)/cancel")
            #expect(cancelled.status == 200)
            #expect(try cancelled.decode(WorkerSummary.self).status == .cancelled)

            let report = try await h.send(.POST, "/v1/runtimes/\(r)/reconnect-stale")
            #expect(report.status == 200)
            #expect(try report.decode(ReconnectReport.self).runtimeId == r)
        }
    }

    @Test func registryErrorsKeepTheirClassStatus() async throws {
        try await withServer { h in
            let unknownRuntime = try await h.send(.GET, "/v1/runtimes/nowhere/workers")
            #expect(unknownRuntime.status == 404)
            #expect(try unknownRuntime.decode(APIErrorBody.self).error.code == "unknown_runtime")
            let unknownWorker = try await h.send(.GET, "/v1/runtimes/\(r)/workers/w-none")
            #expect(unknownWorker.status == 404)
            #expect(try unknownWorker.decode(APIErrorBody.self).error.code == "unknown_worker")
            // Ids arrive percent-decoded: an escaped character of an id is that character.
            let escapedRuntime = r.replacingOccurrences(of: "-", with: "%2D")
            let listed = try await h.send(.GET, "/v1/runtimes/\(escapedRuntime)/workers")
            #expect(listed.status == 200)
            #expect(try listed.decode(WorkersPage.self).runtimeId == r)
            #expect(try await h.send(.GET, "/v1/runtimes/\(escapedRuntime)/workers/w%3Anone").decode(APIErrorBody.self).error.code == "unknown_worker")
            let badId = try await h.send(.GET, "/v1/runtimes/\(r)/workers/bad.id")
            #expect(badId.status == 400)
            #expect(try badId.decode(APIErrorBody.self).error.code == "invalid_identifier")

            h.backend.set { $0.turn = .hold }
            let worker = try await h.createWorker()
            let base = "/v1/runtimes/\(r)/workers/\(worker.workerId)"
            #expect(try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "one"))).status == 202)
            let busy = try await h.send(.POST, "\(base)/input", body: ServerHarness.json(InputBody(text: "two")))
            #expect(busy.status == 409)
            #expect(try busy.decode(APIErrorBody.self).error.code == "busy")
            // Refusals by the worker's state are conflicts too, each with its own code.
            let connected = try await h.send(.POST, "\(base)/reconnect")
            #expect(connected.status == 409)
            #expect(try connected.decode(APIErrorBody.self).error.code == "already_connected")
            let idle = try await h.createWorker(label: "idle")
            let nothing = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(idle.workerId)/interrupt")
            #expect(nothing.status == 409)
            #expect(try nothing.decode(APIErrorBody.self).error.code == "nothing_to_interrupt")

            // Approvals: nothing pending is a conflict; a message with an allow is refused, not dropped.
            let answer = "/v1/runtimes/\(r)/workers/\(idle.workerId)/approvals/call_1"
            let none = try await h.send(.POST, answer, body: ServerHarness.json(ApprovalAnswerBody(decision: .allowOnce)))
            #expect(none.status == 409)
            #expect(try none.decode(APIErrorBody.self).error.code == "approval_not_pending")
            let noted = try await h.send(.POST, answer, body: Data(#"{"decision":"allow_once","message":"sure"}"#.utf8))
            #expect(noted.status == 400)
            #expect(try noted.decode(APIErrorBody.self).error.message.contains("deny only"))
            let approvals = try await h.send(.GET, "/v1/runtimes/\(r)/approvals")
            #expect(try approvals.decode(ApprovalsPage.self).approvals.isEmpty)
        }
    }

    @Test func metricsExposeWorkersTurnsTokensAndLatency() async throws {
        try await withServer { h in
            h.backend.set { $0.turn = .replySynchronously("counted") }
            let worker = try await h.createWorker()
            _ = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(worker.workerId)/input", body: ServerHarness.json(InputBody(text: "go")))
            try await eventually("the turn is counted") {
                try await h.send(.GET, "/v1/metrics").text.contains(#"workerdeck_turns_total{outcome="completed"} 1"#)
            }
            let text = try await h.send(.GET, "/v1/metrics").text
            #expect(text.contains(#"workerdeck_workers{status="idle"} 1"#))
            #expect(text.contains(#"workerdeck_tokens_total{direction="in"} 10"#))
            #expect(text.contains(#"workerdeck_tokens_total{direction="out"} 5"#))
            #expect(text.contains("workerdeck_stream_clients 0"))
            #expect(text.contains(#"workerdeck_http_request_duration_seconds_count{route="/v1/runtimes/{runtime_id}/workers",method="POST"}"#))
        }
    }
}
