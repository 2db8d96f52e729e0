import ArgumentParser
import Foundation
import Registry

/// `stop`, `cancel` and `reconnect` share their shape.
protocol LifecycleCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    var runtime: String { get }
    var worker: String { get }
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary
}

extension LifecycleCommand {
    func run() async throws {
        try await withDeck(global, json: false) { deck in
            let summary = try await apply(deck.registry, WorkerKey(runtimeId: runtime, workerId: worker))
            out("\(summary.workerId) \(summary.status.rawValue)\n")
        }
    }
}

struct StopCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a worker gracefully (terminal).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.stop(key)
    }
}

struct CancelCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a worker, aborting any turn (terminal).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.cancel(key)
    }
}

struct ReconnectCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "reconnect", abstract: "Give a stale worker a fresh execution.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.reconnect(key)
    }
}
