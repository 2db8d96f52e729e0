import Foundation
import Logging
import Registry
import Runtime

/// The wired program: paths, config, the registry with its sources. The only
/// place that connects Providers, the store and the sources to each other.
struct Deck: Sendable {
    let paths: Paths
    let config: AppConfig
    let registry: RuntimeRegistry
    let logger: Logger
    /// Kept so the store (and its owner lock) lives as long as the command.
    let embedded: EmbeddedSource
    /// `default_profile` from config, when set.
    var defaultProfile: String?

    static func open(_ options: GlobalOptions) async throws(CLIError) -> Deck {
        let environment = ProcessInfo.processInfo.environment
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let preliminary = Paths.resolve(environment: environment, currentDirectory: cwd, configOverride: options.config,
                                        workspaceOverride: options.workspace, storeOverride: options.store,
                                        configuredStoreRoot: nil)
        let config = try AppConfig.load(preliminary.configFile)
        let paths = Paths.resolve(environment: environment, currentDirectory: cwd, configOverride: options.config,
                                  workspaceOverride: options.workspace, storeOverride: options.store,
                                  configuredStoreRoot: config.storeRoot)
        let makeHandler = FileLogHandler.factory(file: paths.logFile)
        var logger = Logger(label: "workerdeck", factory: makeHandler)
        logger[metadataKey: "workspace"] = .string(paths.workspaceId)

        let registry = RuntimeRegistry()
        let backend = try makeBackend(paths: paths, logger: logger)
        let embedded = makeEmbeddedSource(options: options, paths: paths, backend: backend, logger: logger)
        do {
            try registry.register(embedded)
        } catch {
            throw CLIError(error)
        }
        return Deck(paths: paths, config: config, registry: registry, logger: logger, embedded: embedded, defaultProfile: nil)
    }

    /// The embedded runtime over a memory store (`--ephemeral`) or the
    /// workspace's file store. A store that fails to open leaves the source
    /// `unavailable` with its diagnostic; the rest keeps working.
    static func makeEmbeddedSource(options: GlobalOptions, paths: Paths, backend: (any ExecutionBackend)?,
                                   logger: Logger) -> EmbeddedSource {
        let store: any RuntimeStore = MemoryStore()
        do {
            let runtime = try WorkerRuntime(workspaceId: paths.workspaceId, store: store, backend: backend)
            return EmbeddedSource(runtime: runtime)
        } catch {
            logger.error("embedded runtime unavailable", metadata: ["code": .string(error.code)])
            return EmbeddedSource(unavailable: error)
        }
    }

    static func makeBackend(paths: Paths, logger: Logger) throws(CLIError) -> (any ExecutionBackend)? {
        nil
    }
}
