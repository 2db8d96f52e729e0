import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import Runtime

/// The LLM execution backend: one execution per worker, each with its own
/// conversation and provider client, streaming turns over
/// AsyncHTTPClient (or the explicitly chosen `scripted` scheme).
///
/// Isolation: an actor. Turns run in their own tasks, off the actor; every
/// report passes back through `deliver`, which drops reports of a turn
/// that is no longer current, so after `interrupt`, `stop` or `cancel`
/// return no report of the old turn reaches the sink. A turn's end clears
/// the execution's running turn before the runtime hears of it, so the
/// runtime may start the next turn as soon as it sees `finished`/`failed`.
///
/// Tools: a profile that lists tools needs the injected `ToolExecutor` and
/// workspace root; spawn prepares the worker's directory once, and each
/// call is decided by the sink (`TurnSink.decide`) before it runs.
///
/// Credentials are read from `environment` (or a file) at request time only;
/// of the environment it is given, the backend keeps only the variables
/// that `{ env = NAME }` credentials name. Call `shutdown()` once no more
/// turns run: it closes the HTTP clients.
public actor LLMBackend: ExecutionBackend {
    public nonisolated let backendId: String
    public nonisolated let config: ProvidersConfig
    /// Only the variables the config's credentials name (see `credentialVariables`).
    let environment: [String: String]
    let retry: RetryEnvironment
    /// The pause the `scripted` scheme takes between deltas (real sleep).
    let scriptedSleep: @Sendable (Duration) async throws -> Void
    /// Runs tool calls (module `Tools`, injected by the executable).
    let tools: (any ToolExecutor)?
    /// Where workers' directories are made; a private path, kept in-process.
    let workspaceRoot: URL?

    private var executions: [ExecutionHandle: Execution] = [:]
    private var nextHandle: UInt64 = 1
    private var httpClients: [String: HTTPClient] = [:]
    private var isShutDown = false

    /// - Parameters:
    ///   - config: providers and profiles (see `ProvidersConfig.load`).
    ///   - environment: where `{ env = NAME }` credentials are read; the
    ///     backend keeps only those variables, not the rest (other
    ///     programs' tokens, private paths).
    ///   - tools: runs the calls of profiles that list tools; without it
    ///     (or without `workspaceRoot`) such profiles cannot spawn.
    ///   - workspaceRoot: the workspace whose directory (or worktrees) the
    ///     tools work in.
    ///   - retry: clock, sleep and randomness for retries (tests inject them).
    public init(config: ProvidersConfig,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                tools: (any ToolExecutor)? = nil,
                workspaceRoot: URL? = nil,
                retry: RetryEnvironment = .live,
                scriptedSleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                backendId: String = "llm") {
        precondition(!backendId.trimmingCharacters(in: .whitespaces).isEmpty, "backendId must not be blank")
        self.backendId = backendId
        self.config = config
        let wanted = config.credentialVariables
        self.environment = environment.filter { wanted.contains($0.key) }
        self.retry = retry
        self.scriptedSleep = scriptedSleep
        self.tools = tools
        self.workspaceRoot = workspaceRoot
    }

    struct Execution {
        let ref: WorkerRef
        let run: RunSettings
        let client: any ChatClient
        let sink: TurnSink
        let tools: TurnTools?
        var conversation: Conversation
        var turn: (id: TurnId, task: Task<Void, Never>)?
    }

    public func resolveProfile(named name: String) async -> ProfileResolution {
        config.resolveProfile(named: name, environment: environment)
    }

    public func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
        guard !isShutDown else { return .rejected("the LLM backend is shut down") }
        guard let settings = config.profiles[profile.name] else { return .rejected("no such profile: \(profile.name)") }
        guard let model = ModelName(profile.model), let provider = config.providers[model.provider] else {
            return .rejected("profile \(profile.name) names an unknown model \(Scrubber.scrub(profile.model))")
        }
        var turnTools: TurnTools?
        if !settings.tools.tools.isEmpty {
            guard let tools, let workspaceRoot else {
                return .rejected("profile \(profile.name) lists tools, but tools need a workspace and a tool runner, "
                    + "which this backend was not given")
            }
            let directory: URL
            do throws(ToolSetupError) {
                directory = try await tools.prepareWorkdir(settings.tools.workdir, workspaceRoot: workspaceRoot, worker: ref.workerId)
            } catch {
                return .rejected(error.message)
            }
            // The actor may have been shut down while the directory was made.
            guard !isShutDown else { return .rejected("the LLM backend is shut down") }
            turnTools = TurnTools(
                executor: tools,
                workspace: ToolWorkspace(directory: directory, envPassthrough: settings.tools.envPassthrough,
                                         sandbox: settings.tools.bashSandbox),
                settings: settings.tools, specs: tools.specs(for: settings.tools.tools))
        }
        let run = RunSettings(profile: settings, provider: provider, model: model)
        let handle = ExecutionHandle("llm-\(nextHandle)")
        nextHandle += 1
        executions[handle] = Execution(
            ref: ref, run: run, client: makeClient(provider), sink: sink, tools: turnTools,
            conversation: Conversation(systemPrompt: settings.systemPrompt, transcript: history)
        )
        return .connected(handle)
    }

    /// A deleted worker's worktree goes (`git worktree remove --force` and
    /// its branch, by the tool runner); a workspace profile made nothing. A
    /// profile no longer in config may have had one: its removal is tried
    /// (idempotent; nothing there, nothing done).
    public func removeWorkdir(_ ref: WorkerRef, profile: String) async throws(ToolSetupError) {
        if let settings = config.profiles[profile], settings.tools.tools.isEmpty || settings.tools.workdir != .worktree { return }
        guard let tools, let workspaceRoot else { return }
        try await tools.removeWorktree(workspaceRoot: workspaceRoot, worker: ref.workerId)
    }

    public func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome {
        guard var execution = executions[handle] else { return .rejected("no such execution") }
        guard execution.turn == nil else { return .busy }
        execution.conversation.append(.user(input))
        let request = ChatRequest(
            model: execution.run.model.model, systemPrompt: execution.conversation.systemPrompt,
            messages: [], maxTokens: execution.run.profile.maxTokens,
            temperature: execution.run.profile.temperature
        )
        let gate = TurnGate(
            record: { [weak self] items in await self?.record(items, turn: turn, for: handle) },
            report: { [weak self] report in await self?.deliver(report, for: handle) },
            delta: Self.deltaPath(execution.sink) { [weak self] report in await self?.deliver(report, for: handle) },
            decide: { [weak self] call, policy, preview in
                await self?.decide(call, policy: policy, preview: preview, turn: turn, for: handle) ?? .ended
            }
        )
        let runner = TurnRunner(client: execution.client, request: request, conversation: execution.conversation,
                                tools: execution.tools, turn: turn, gate: gate)
        // The task runs the turn off this actor (`run` is nonisolated).
        execution.turn = (turn, Task { await runner.run() })
        executions[handle] = execution
        return .accepted
    }

    /// Cancels the running turn; no report of it follows. Accepted also when
    /// the turn already ended (the runtime re-checks).
    public func interrupt(_ handle: ExecutionHandle) async -> OperationOutcome {
        guard executions[handle] != nil else { return .rejected }
        executions[handle]!.turn?.task.cancel()
        executions[handle]!.turn = nil
        return .accepted
    }

    public func stop(_ handle: ExecutionHandle) async -> OperationOutcome {
        end(handle)
    }

    public func cancel(_ handle: ExecutionHandle) async -> OperationOutcome {
        end(handle)
    }

    /// Ends an execution (cancelling its turn); idempotent.
    private func end(_ handle: ExecutionHandle) -> OperationOutcome {
        executions.removeValue(forKey: handle)?.turn?.task.cancel()
        return .accepted
    }

    /// Cancels every turn and closes the HTTP clients. Later spawns are rejected.
    public func shutdown() async {
        isShutDown = true
        for handle in Array(executions.keys) { _ = end(handle) }
        let clients = Array(httpClients.values)
        httpClients.removeAll()
        for client in clients { try? await client.shutdown() }
    }

    /// The gate between a turn's task and the runtime's sink.
    private func deliver(_ report: TurnReport, for handle: ExecutionHandle) async {
        guard var execution = executions[handle], execution.turn?.id == report.turn else { return }
        switch report {
        case .finished, .failed:
            execution.turn = nil
            executions[handle] = execution
        default:
            break
        }
        await execution.sink.report(report)
    }

    /// Deltas go straight to a sink that takes posted reports: no hop onto
    /// this actor and none waiting for the runtime (B12). The runtime drops
    /// a delta of a turn that is no longer current, as `deliver` would.
    private static func deltaPath(_ sink: TurnSink,
                                  else deliver: @escaping @Sendable (TurnReport) async -> Void) -> DeltaPath {
        guard let post = sink.poster else { return .awaited(deliver) }
        return .posted(post, isWatched: sink.isWatched)
    }

    /// Keeps the conversation in step with what the runtime commits.
    private func record(_ items: [ConversationItem], turn: TurnId, for handle: ExecutionHandle) {
        guard executions[handle]?.turn?.id == turn else { return }
        for item in items { executions[handle]!.conversation.append(item) }
    }

    private func decide(_ call: ToolCallRequest, policy: ApprovalMode, preview: ApprovalPreview?,
                        turn: TurnId, for handle: ExecutionHandle) async -> ToolDecision {
        guard let execution = executions[handle], execution.turn?.id == turn else { return .ended }
        let decision = await execution.sink.decide(turn, call, policy: policy, preview: preview)
        // The runtime ended the turn (usually by interrupting it, which already
        // cleared it): the turn's task stops, so the execution is free again.
        if case .ended = decision, executions[handle]?.turn?.id == turn { executions[handle]!.turn = nil }
        return decision
    }

    private func makeClient(_ provider: ProviderConfig) -> any ChatClient {
        let credentials = CredentialResolver(environment: environment)
        switch provider.scheme {
        case .scripted:
            return ScriptedClient(delay: provider.scriptedDelay, sleep: scriptedSleep)
        case .openaiChat:
            return HTTPChatClient(wire: OpenAIChatWire(), provider: provider, http: httpClient(for: provider),
                                  credentials: credentials, retry: retry)
        case .anthropic:
            return HTTPChatClient(wire: AnthropicWire(), provider: provider, http: httpClient(for: provider),
                                  credentials: credentials, retry: retry)
        }
    }

    /// Every provider stream is read on one event-loop thread of its own.
    /// A stream costs that thread a wake-up, a read and a decode per part
    /// (100 streams at 50 parts a second keep it about a fifth busy); on
    /// one thread, more of them are ready at each wake-up than when they
    /// are spread over NIO's shared group, one thread per core (B6: 0.29 to
    /// 0.26 cores). Never shut down, like NIO's own singleton group.
    static let streamLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// One HTTP client per provider, made on first use (see `providerConfiguration`).
    private func httpClient(for provider: ProviderConfig) -> HTTPClient {
        if let client = httpClients[provider.name] { return client }
        let client = HTTPClient(eventLoopGroup: Self.streamLoop,
                                configuration: .providerConfiguration(for: provider))
        httpClients[provider.name] = client
        return client
    }
}
