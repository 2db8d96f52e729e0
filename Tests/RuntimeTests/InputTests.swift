import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct InputTests {
    @Test func busyInputIsTypedAndNotTranscribed() async throws {
        let store = MemoryStore()
        let backend = TestBackend()
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let receipt = try await runtime.sendInput(ref, text: "first")
        #expect(receipt.transcriptSequence == 1)
        let eventsBefore = try store.lastEventId()

        let error = await runtimeError { _ = try await runtime.sendInput(ref, text: "second") }
        #expect(error == .busy(ref))
        #expect(try await contents(runtime, ref) == ["user/message: first"])
        #expect(try store.lastEventId() == eventsBefore)
        #expect(backend.recorded.withLock { $0.inputs.map(\.text) } == ["first"])

        await backend.replyToLast("answer")
        let second = try await runtime.sendInput(ref, text: "second")
        #expect(second.transcriptSequence == 3)
        #expect(try await contents(runtime, ref) == ["user/message: first", "assistant/message: answer", "user/message: second"])
    }

    @Test func userEntryPrecedesASynchronousReply() async throws {
        let backend = TestBackend()
        backend.set { $0.turn = .replySynchronously("instant") }
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store, backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let receipt = try await runtime.sendInput(ref, text: "question")
        #expect(receipt.transcriptSequence == 1)
        #expect(try await contents(runtime, ref) == ["user/message: question", "assistant/message: instant"])
        let kinds = try store.events(from: 1, limit: 10).map(\.kind)
        #expect(kinds == [.runtimeStarted, .workerCreated, .workerInputAccepted, .workerTurnCompleted])
        let record = try await runtime.worker(ref)
        #expect(record.usage == TokenUsage(input: 10, output: 5))
        #expect(record.execution.runState == .idle)
        let page = try await runtime.transcript(ref, start: 1, limit: 1)
        #expect(page.items.first?.usage == TokenUsage(input: 10, output: 5))
    }

    @Test func inputIsValidated() async throws {
        let runtime = try makeRuntime(limits: RuntimeLimits(maxInputBytes: 8))
        let ref = try await runtime.createWorker(profile: "default").ref
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: " \t\n") } == .invalidRequest("input is blank"))
        #expect(await runtimeError { _ = try await runtime.sendInput(ref, text: "123456789") }
            == .invalidRequest("input is 9 bytes; the maximum is 8"))
        #expect(try await runtime.worker(ref).transcriptLength == 0)
    }

    @Test func failedTurnWritesAnErrorEntryAndLeavesTheWorkerIdle() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: "go")
        let last = backend.lastInput!
        let sink = backend.sink(last.handle)
        await sink.report(.started(last.turn))
        await sink.report(.textDelta(last.turn, "partial"))
        await sink.report(.failed(last.turn, "provider returned 500"))
        // What streamed before the failure stays (flagged), then the error.
        #expect(try await contents(runtime, ref) == [
            "user/message: go", "assistant/message: partial (interrupted)", "system/error: provider returned 500",
        ])
        #expect(try await runtime.worker(ref).canAcceptInput)
    }

    @Test func toolCallNoticeIsRecordedNotExecuted() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: "go")
        let last = backend.lastInput!
        let sink = backend.sink(last.handle)
        await sink.report(.notice(last.turn, "model requested tool ls"))
        await sink.report(.blockCompleted(last.turn, "ok"))
        await sink.report(.finished(last.turn))
        #expect(try await contents(runtime, ref) == ["user/message: go", "system/notice: model requested tool ls", "assistant/message: ok"])
    }

    @Test func backendRefusingAnAcceptedInputIsTruthful() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        backend.set { $0.turn = .reject("overloaded") }
        let error = await runtimeError { _ = try await runtime.sendInput(ref, text: "go") }
        #expect(error == .executionRejected(ref, .input, .rejected, "overloaded"))
        #expect(try await contents(runtime, ref) == [
            "user/message: go", "system/error: the execution did not start the turn (rejected): overloaded",
        ])
        #expect(try await runtime.worker(ref).canAcceptInput)
    }

    @Test func interruptWithNothingStreamedLeavesInputAndANotice() async throws {
        let turn = try await RunningTurn.start("long task")
        _ = try await turn.runtime.interrupt(turn.ref)
        #expect(try await contents(turn.runtime, turn.ref) == ["user/message: long task", "system/notice: turn interrupted"])
    }

    /// runtime.md (Changed): what streamed before an interrupt is committed
    /// as an assistant entry flagged `interrupted`, with the turn's end.
    @Test func interruptKeepsThePartialReplyFlagged() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        #expect(await runtimeError { _ = try await runtime.interrupt(ref) } == .nothingToInterrupt(ref))
        _ = try await runtime.sendInput(ref, text: "long task")
        let last = backend.lastInput!
        await backend.sink(last.handle).report(.textDelta(last.turn, "ha"))
        await backend.sink(last.handle).report(.textDelta(last.turn, "lf"))
        let record = try await runtime.interrupt(ref)
        #expect(record.execution.runState == .idle)
        #expect(record.status == .running)
        #expect(try await contents(runtime, ref) == ["user/message: long task", "assistant/message: half (interrupted)"])
        // Late reports of the interrupted turn are dropped.
        await backend.sink(last.handle).report(.blockCompleted(last.turn, "late"))
        await backend.sink(last.handle).report(.finished(last.turn))
        #expect(try await runtime.worker(ref).transcriptLength == 2)
    }

    /// Posted deltas (the provider does not wait for them) are handled
    /// before any report awaited after them: a turn that fails right after
    /// 500 posted deltas keeps all of them, in order, as its partial reply.
    @Test func postedDeltasComeBeforeTheReportsAwaitedAfterThem() async throws {
        let turn = try await RunningTurn.start()
        let post = try #require(turn.backend.sink(turn.input.handle).poster, "the runtime's sink takes posted reports")
        for i in 0..<500 { post(.textDelta(turn.input.turn, "\(i) ")) }
        await turn.report { .failed($0, "dropped") }
        let partial = (0..<500).map { "\($0) " }.joined()
        let entries = try await contents(turn.runtime, turn.ref)
        #expect(entries.contains("assistant/message: \(partial) (interrupted)"))
        // A delta posted after the turn ended changes nothing.
        post(.textDelta(turn.input.turn, "late"))
        #expect(try await contents(turn.runtime, turn.ref) == entries)
    }

    /// The sink tells the provider whether anyone watches the worker's text
    /// (it reads a reply nobody watches in batches): a stream of this
    /// worker's events or of every worker's does; one of another's does not.
    @Test func theSinkSaysWhetherAnyoneWatchesTheText() async throws {
        let turn = try await RunningTurn.start()
        let sink = turn.backend.sink(turn.input.handle)
        #expect(!sink.isWatched(), "nobody observes the runtime yet")
        let other = try await turn.runtime.createWorker(profile: "default").ref
        let others = try await turn.runtime.observe(other)
        #expect(!sink.isWatched(), "a stream of another worker's events")
        let mine = try await turn.runtime.observe(turn.ref)
        #expect(sink.isWatched())
        let none = await turn.runtime.observeAll(wantsText: { _ in false }) { _ in }
        let all = await turn.runtime.observeAll { _ in }
        #expect(sink.isWatched())
        await turn.runtime.stopObserving(all)
        await turn.runtime.stopObserving(none)
        withExtendedLifetime((others, mine)) {}
    }

    @Test func interruptKeepsACompletedBlock() async throws {
        let turn = try await RunningTurn.start()
        await turn.report { .textDelta($0, "done part") }
        await turn.report { .blockCompleted($0, "done part") }
        _ = try await turn.runtime.interrupt(turn.ref)
        #expect(try await contents(turn.runtime, turn.ref) == ["user/message: go", "assistant/message: done part"])
    }

    /// A completed block stays as it was; only what streamed after it is
    /// the interrupted partial.
    @Test func interruptAfterABlockKeepsBothTheBlockAndTheRest() async throws {
        let turn = try await RunningTurn.start()
        await turn.report { .textDelta($0, "first") }
        await turn.report { .blockCompleted($0, "first") }
        await turn.report { .textDelta($0, "second, cut") }
        _ = try await turn.runtime.interrupt(turn.ref)
        #expect(try await contents(turn.runtime, turn.ref) == [
            "user/message: go", "assistant/message: first", "assistant/message: second, cut (interrupted)",
        ])
    }

    /// Stop, cancel and a clean quit keep the partial reply too.
    @Test(arguments: ["stop", "cancel", "quit"])
    func endingATurnEarlyKeepsThePartialReply(how: String) async throws {
        let turn = try await RunningTurn.start()
        let (runtime, ref) = (turn.runtime, turn.ref)
        await turn.report { .textDelta($0, "seen so far") }
        switch how {
        case "stop": _ = try await runtime.stop(ref)
        case "cancel": _ = try await runtime.cancel(ref)
        default:
            let result = await runtime.interruptAllTurns()
            #expect(result.ended == 1)
            #expect(result.failures.isEmpty)
            #expect(try await runtime.worker(ref).execution.runState == .idle)
        }
        #expect(try await contents(runtime, ref) == ["user/message: go", "assistant/message: seen so far (interrupted)"])
    }

    @Test func interruptRefusedByTheBackendIsTyped() async throws {
        let backend = TestBackend()
        backend.set { $0.interrupt = .unsupported }
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        _ = try await runtime.sendInput(ref, text: "go")
        #expect(await runtimeError { _ = try await runtime.interrupt(ref) } == .executionRejected(ref, .interrupt, .unsupported, nil))
        #expect(try await runtime.worker(ref).execution.runState == .busy)
    }

    @Test func liveEventsReachObservers() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let ref = try await runtime.createWorker(profile: "default").ref
        let stream = try await runtime.observe(ref)
        _ = try await runtime.sendInput(ref, text: "go")
        await backend.replyToLast("abcd")
        var seen: [String] = []
        for await event in stream {
            switch event {
            case let .textDelta(_, text): seen.append("delta:\(text)")
            case let .entryCommitted(entry): seen.append("entry:\(entry.role.rawValue):\(entry.content)")
            case let .turnEnded(_, ending): seen.append("end:\(ending.rawValue)")
            case .turnStarted: seen.append("started")
            case .usage: seen.append("usage")
            case .retrying, .workerChanged, .workerDeleted, .textSoFar: break
            }
            if seen.last == "end:completed" { break }
        }
        #expect(seen == ["entry:user:go", "started", "delta:ab", "delta:cd", "usage", "entry:assistant:abcd", "end:completed"])
    }
}
