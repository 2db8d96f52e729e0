import Foundation
import Logging
import Providers
import Registry
import Tools
import Runtime

/// The wired program: paths, config, the registry with its sources. The only
/// place that connects Providers, the store and the sources to each other.
struct Deck: Sendable {
    let paths: Paths
    let config: AppConfig
    let providers: ProvidersConfig
    let configWarnings: [String]
    let registry: RuntimeRegistry
    let logger: Logger
    let backend: LLMBackend
    /// The workspace's runtime here: owned (and served) or attached to its
    /// owner. Kept so the store (and its owner lock) lives as long as the command.
    let home: HomeRuntime

    /// `default_profile` from config, when set.
    var defaultProfile: String? { providers.defaultProfile }

    static func open(_ options: GlobalOptions, role: DeckRole) async throws(CLIError) -> Deck {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? ""
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let preliminary = Paths.resolve(environment: environment, currentDirectory: cwd, configOverride: options.config,
                                        workspaceOverride: options.workspace, storeOverride: options.store,
                                        configuredStoreRoot: nil)
        let loaded: DeckConfig
        do {
            loaded = try DeckConfig.load(preliminary.configFile, home: home)
        } catch {
            throw CLIError(code: "config_invalid", message: error.description, exitCode: 2)
        }
        let config = loaded.app
        let paths = Paths.resolve(environment: environment, currentDirectory: cwd, configOverride: options.config,
                                  workspaceOverride: options.workspace, storeOverride: options.store,
                                  configuredStoreRoot: config.storeRoot)
        let warnings = loaded.warnings.map(\.description)

        var logger = Logger(label: "workerdeck", factory: FileLogHandler.factory(file: paths.logFile))
        logger[metadataKey: "workspace"] = .string(paths.workspaceId)
        for warning in warnings { logger.warning("config: \(warning)") }

        // Tools run in the workspace (or a worker's worktree); bash gets only
        // the minimal environment ToolBox keeps, never a credential variable.
        let tools = ToolBox(environment: environment, credentialVariables: loaded.providers.credentialVariables)
        let backend = LLMBackend(config: loaded.providers, environment: environment, tools: tools,
                                 workspaceRoot: paths.workspaceRoot)
        let storeLogger = logger
        StoreFailureLog.install { line in storeLogger.error("\(line)") }
        let registry = RuntimeRegistry()
        let runtimeHome = try await HomeRuntime.open(role, .init(options: options, paths: paths, backend: backend, logger: logger,
                                                                  registry: registry, version: WorkerDeckVersion.current,
                                                                  workdirDiff: workdirDiffer(tools, loaded.providers, paths)))
        do {
            // Fixed order: embedded first, then local compatibility, then remotes.
            try registry.register(runtimeHome.source)
            let local = LocalCompatConfig(enabled: config.localCompatEnabled, dataDirectory: config.localCompatDataDir)
            if let source = LocalCompatSource(environment: environment, config: local, workspaceRoot: paths.workspaceRoot.path) {
                try registry.register(source)
            }
            for remote in await RemoteWiring.sources(config.remotes, environment: environment, logger: logger,
                                                     connectNow: role != .console) {
                try registry.register(remote)
            }
        } catch {
            throw CLIError(error)
        }
        return Deck(paths: paths, config: config, providers: loaded.providers, configWarnings: warnings,
                    registry: registry, logger: logger, backend: backend, home: runtimeHome)
    }

    /// A clean quit: running turns end with what they streamed kept (and
    /// flagged), the server stops, then the HTTP clients are released; the
    /// store closes when the process ends. A client leaves the owner's
    /// turns running.
    func close() async {
        for failure in await registry.close() {
            logger.error("could not commit the end of a turn at quit", metadata: ["code": .string(failure.code),
                                                                                  "reason": .string(failure.message)])
        }
        await home.close()
        await backend.shutdown()
    }

    /// The diff view's git run: the worker's profile says workspace or
    /// worktree (a profile without tools still has the workspace; one no
    /// longer in config: its worktree if it has one, else the workspace).
    static func workdirDiffer(_ tools: ToolBox, _ providers: ProvidersConfig, _ paths: Paths) -> WorkdirDiffer {
        let profiles = providers.profiles
        let workspaceRoot = paths.workspaceRoot
        return { (worker: WorkerId, profile: String) async throws(ToolSetupError) -> WorkdirDiff in
            try await tools.workdirDiff(profiles[profile]?.tools.workdir, workspaceRoot: workspaceRoot, worker: worker)
        }
    }

    /// The embedded runtime over a memory store (`--ephemeral`) or the
    /// workspace's file store. A store that fails to open leaves the source
    /// `unavailable` with its diagnostic; the rest keeps working. A second
    /// console on the same store is a read-only observer.
    /// `storeMode` nil: a memory store (`--ephemeral`).
    static func makeEmbeddedSource(paths: Paths, backend: any ExecutionBackend, logger: Logger,
                                   workdirDiff: WorkdirDiffer?, storeMode: FileStore.OpenMode?) -> EmbeddedSource {
        let workspaceId = paths.workspaceId
        do throws(RuntimeError) {
            let store: any RuntimeStore = if let storeMode {
                try FileStore.open(root: paths.storeRoot, mode: storeMode)
            } else {
                MemoryStore()
            }
            let report: @Sendable (RuntimeProblem) -> Void = { problem in
                logger.error("runtime problem", metadata: ["problem": .string(problem.description)])
            }
            let runtime = try WorkerRuntime(workspaceId: workspaceId, store: store, backend: backend, reportProblem: report)
            guard let fileStore = store as? FileStore, runtime.isReadOnly else {
                return EmbeddedSource(runtime: runtime, workdirDiff: workdirDiff)
            }
            // The owner's pid is for the log only: operators read "owned by
            // another console" (registry.md: no pids of other processes).
            let owner: Logger.Metadata = if case let .readOnly(name) = fileStore.access { ["owner": .string(name)] } else { [:] }
            logger.notice("store owned by another console; observing read-only", metadata: owner)
            return EmbeddedSource(runtime: runtime, takeover: { () async throws(RuntimeError) -> WorkerRuntime in
                let owned: FileStore
                do throws(RuntimeError) {
                    owned = try fileStore.takeover()
                } catch {
                    // The owner seen when this console opened the store; it
                    // may have changed since.
                    logger.notice("takeover refused", metadata: ["code": .string(error.code),
                                                                 "owner_at_open": owner["owner"] ?? "unknown"])
                    throw error
                }
                fileStore.close()
                return try WorkerRuntime(workspaceId: workspaceId, store: owned, backend: backend, reportProblem: report)
            }, workdirDiff: workdirDiff)
        } catch {
            logger.error("embedded runtime unavailable", metadata: ["code": .string(error.code)])
            return EmbeddedSource(unavailable: error)
        }
    }
}
