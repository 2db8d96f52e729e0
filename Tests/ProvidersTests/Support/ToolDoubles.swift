import FakeLLM
import Foundation
import Runtime
import Testing
@testable import Providers

/// What the test executor saw.
actor ToolLog {
    private(set) var ran: [ToolCallRequest] = []
    private(set) var workspaces: [ToolWorkspace] = []
    private(set) var prepared: [(WorkdirMode, URL, WorkerId)] = []
    private(set) var cancelled: [String] = []
    private(set) var removed: [(URL, WorkerId)] = []
    private var startWaiters: [CheckedContinuation<Void, Never>] = []
    private var cancelWaiters: [CheckedContinuation<Void, Never>] = []

    func started(_ call: ToolCallRequest, in workspace: ToolWorkspace) {
        ran.append(call)
        workspaces.append(workspace)
        startWaiters.forEach { $0.resume() }
        startWaiters.removeAll()
    }

    func noteCancelled(_ call: ToolCallRequest) {
        cancelled.append(call.callId)
        cancelWaiters.forEach { $0.resume() }
        cancelWaiters.removeAll()
    }

    /// Suspends until some call saw its task cancelled.
    func waitForCancel() async {
        if !cancelled.isEmpty { return }
        await withCheckedContinuation { cancelWaiters.append($0) }
    }
    func notePrepared(_ mode: WorkdirMode, _ root: URL, _ worker: WorkerId) { prepared.append((mode, root, worker)) }
    func noteRemoved(_ root: URL, _ worker: WorkerId) { removed.append((root, worker)) }

    /// Suspends until some call has started.
    func waitForStart() async {
        if !ran.isEmpty { return }
        await withCheckedContinuation { startWaiters.append($0) }
    }
}

/// A `ToolExecutor` double. A `bash` command with `sleep` in it runs until
/// its task is cancelled and then answers `interrupted`, as the real one
/// does; every other call answers `ok` with `ran TOOL ARGUMENTS` and a
/// second line.
struct TestToolExecutor: ToolExecutor {
    let log = ToolLog()
    var setupError: ToolSetupError?

    func specs(for tools: [ToolName]) -> [ToolSpec] {
        tools.map { ToolSpec(name: $0, description: "The \($0.rawValue) tool.", parameters: .object(["type": .string("object")])) }
    }

    func run(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ToolResult {
        await log.started(call, in: workspace)
        if call.tool == "bash", call.arguments.contains("sleep") {
            // Sleeps until cancelled: the turn's cancellation is what ends it.
            try? await Task.sleep(for: .seconds(3600))
            await log.noteCancelled(call)
            return ToolResult(callId: call.callId, status: .interrupted, output: "interrupted")
        }
        return ToolResult(callId: call.callId, status: .ok, output: "ran \(call.tool) \(call.arguments)\nsecond line")
    }

    /// `bash` shows its command; other tools have nothing to preview.
    func preview(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ApprovalPreview? {
        call.tool == "bash" ? ApprovalPreview(command: call.arguments, directory: "workspace") : nil
    }

    func prepareWorkdir(_ mode: WorkdirMode, workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) -> URL {
        if let setupError { throw setupError }
        await log.notePrepared(mode, workspaceRoot, worker)
        return workspaceRoot.appendingPathComponent("wd-\(worker.rawValue)")
    }

    func removeWorktree(workspaceRoot: URL, worker: WorkerId) async throws(ToolSetupError) {
        await log.noteRemoved(workspaceRoot, worker)
        if let setupError { throw setupError }
    }
}

/// A sink that answers each `decide` from a queue (then `.run`), and keeps
/// the transcript a runtime would commit: the call at `decide`, results,
/// completed blocks and notices in report order.
actor ToolSink {
    private(set) var reports: [TurnReport] = []
    private(set) var decided: [(ToolCallRequest, ApprovalMode)] = []
    private(set) var previews: [ApprovalPreview?] = []
    private(set) var transcript: [TranscriptEntry] = []
    private var decisions: [ToolDecision]
    private var decideWaiters: [CheckedContinuation<Void, Never>] = []
    private var waiters: [(matches: @Sendable (TurnReport) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    init(decisions: [ToolDecision] = []) {
        self.decisions = decisions
    }

    nonisolated var sink: TurnSink {
        TurnSink({ await self.add($0) }, decide: { _, call, policy, preview in await self.decide(call, policy, preview) })
    }

    func userInput(_ text: String) { commit(.user, .message, text) }

    private func commit(_ role: TranscriptRole, _ kind: TranscriptKind, _ content: String) {
        transcript.append(TranscriptEntry(sequence: transcript.count + 1, role: role, kind: kind, content: content,
                                          eventId: Int64(transcript.count + 1), createdAt: Date(timeIntervalSince1970: 0)))
    }

    private func decide(_ call: ToolCallRequest, _ policy: ApprovalMode, _ preview: ApprovalPreview?) -> ToolDecision {
        decided.append((call, policy))
        previews.append(preview)
        decideWaiters.forEach { $0.resume() }
        decideWaiters.removeAll()
        commit(.assistant, .toolCall, TranscriptEntry.content(of: call))
        return decisions.isEmpty ? .run : decisions.removeFirst()
    }

    private func add(_ report: TurnReport) {
        reports.append(report)
        switch report {
        case let .blockCompleted(_, text): commit(.assistant, .message, text)
        case let .toolResult(_, result): commit(.tool, .toolResult, TranscriptEntry.content(of: result))
        case let .notice(_, text): commit(.system, .notice, text)
        case let .failed(_, text): commit(.system, .error, text)
        default: break
        }
        let ready = waiters.filter { $0.matches(report) }
        waiters.removeAll { $0.matches(report) }
        ready.forEach { $0.continuation.resume() }
    }

    func wait(for matches: @escaping @Sendable (TurnReport) -> Bool) async {
        if reports.contains(where: matches) { return }
        await withCheckedContinuation { waiters.append((matches, $0)) }
    }

    /// Until the turn `turn` finished or failed.
    func waitForEnd(_ turn: UInt64) async {
        await wait {
            switch $0 {
            case let .finished(id), let .failed(id, _): id.rawValue == turn
            default: false
            }
        }
    }

    /// Suspends until some call was decided.
    func waitForDecision() async {
        if !decided.isEmpty { return }
        await withCheckedContinuation { decideWaiters.append($0) }
    }

    func decidedCalls() -> [String] { decided.map { "\($0.0.callId) \($0.0.tool) \($0.1.rawValue)" } }
}

/// A backend with a `TestToolExecutor` against the loopback fake, its
/// profiles those of `Harness.config` plus tool profiles.
struct ToolHarness {
    let server: FakeLLMServer
    let backend: LLMBackend
    let executor: TestToolExecutor
    let root = URL(fileURLWithPath: "/workspace-root")

    static let toolProfiles: [(String, ConfigValue)] = [
        ("profiles.t-tools.model", "fake/tools"), ("profiles.t-tools.tools", ["read", "grep"]),
        ("profiles.t-tools.env_passthrough", ["CARGO_HOME"]), ("profiles.t-tools.bash_sandbox", "bwrap"),
        ("profiles.t-tools.workdir", "worktree"),
        ("profiles.a-tools.model", "fakeanthropic/tools"), ("profiles.a-tools.tools", ["read"]),
        ("profiles.t-loop.model", "fake/toolloop"), ("profiles.t-loop.tools", ["read"]), ("profiles.t-loop.max_tool_rounds", 2),
        ("profiles.t-drop.model", "fake/tooldrop"), ("profiles.t-drop.tools", ["read", "grep"]),
        ("profiles.a-drop-tools.model", "fakeanthropic/tooldrop"), ("profiles.a-drop-tools.tools", ["read"]),
        ("profiles.s-tools.model", "scripted/echo"), ("profiles.s-tools.tools", ["read", "list", "bash"]),
        ("profiles.s-tools.approval.bash", "ask"),
    ]

    static func with(executor: TestToolExecutor = TestToolExecutor(), giveTools: Bool = true,
                     _ body: (ToolHarness) async throws -> Void) async throws {
        let server = try await FakeLLMServer.start()
        let document = Harness.config(port: server.port, closedPort: 9, extra: toolProfiles)
        let config = try ProvidersConfig.decode(document).config
        let harness = ToolHarness(
            server: server,
            backend: LLMBackend(config: config, environment: ["FAKE_KEY": "k", "FAKE_ANTHROPIC_KEY": "k"],
                                tools: giveTools ? executor : nil,
                                workspaceRoot: giveTools ? URL(fileURLWithPath: "/workspace-root") : nil,
                                retry: RetryEnvironment(sleep: { _ in }, timeout: { _ in try await Task.sleep(for: .seconds(3600)) },
                                                        random: { 0.5 })),
            executor: executor)
        do { try await body(harness) } catch {
            await harness.close()
            throw error
        }
        await harness.close()
    }

    func close() async {
        await backend.shutdown()
        await server.close()
    }

    /// Spawns `profile` (its model as configured) for worker `sequence`.
    func spawn(_ profile: String, sink: ToolSink, history: [TranscriptEntry] = [], worker sequence: UInt32 = 1) async -> SpawnOutcome {
        let model = backend.config.profiles[profile]?.model ?? "?"
        return await backend.spawn(WorkerRef(runtimeId: .embedded, workerId: WorkerId(sequence: sequence)),
                                   profile: ResolvedProfile(name: profile, model: model), history: history, sink: sink.sink)
    }

    /// Spawns, runs one turn to its end, returns the handle.
    func turn(_ profile: String, _ input: String, sink: ToolSink) async throws -> ExecutionHandle {
        guard case let .connected(handle) = await spawn(profile, sink: sink) else {
            throw ProviderError(.configuration, "spawn failed")
        }
        await sink.userInput(input)
        #expect(await backend.startTurn(handle, turn: TurnId(rawValue: 1), input: input) == .accepted)
        await sink.waitForEnd(1)
        return handle
    }
}
