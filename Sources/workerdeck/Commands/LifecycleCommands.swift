import ArgumentParser
import Foundation
import Registry

/// `interrupt`, `stop`, `cancel` and `reconnect` share their shape: one
/// worker in, its summary out (`<worker> <status>`, or the summary as JSON).
protocol LifecycleCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    var output: JSONFlag { get }
    var runtime: String { get }
    var worker: String { get }
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary
}

extension LifecycleCommand {
    func run() async throws {
        try await withDeck(global, json: output.json, role: .write) { deck in
            let summary = try await apply(deck.registry, WorkerKey(runtimeId: runtime, workerId: worker))
            if output.json {
                printJSON(summary)
            } else {
                out("\(summary.workerId) \(summary.status.rawValue)\n")
            }
        }
    }
}

struct InterruptCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(
        commandName: "interrupt", abstract: "Abort a busy worker's running turn; the worker stays and becomes idle."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.interrupt(key)
    }
}

struct StopCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a worker gracefully (terminal).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.stop(key)
    }
}

struct CancelCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a worker, aborting any turn (terminal).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.cancel(key)
    }
}

struct ReconnectCommand: LifecycleCommand {
    static let configuration = CommandConfiguration(commandName: "reconnect", abstract: "Give a stale worker a fresh execution.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag
    func apply(_ registry: RuntimeRegistry, _ key: WorkerKey) async throws(RegistryError) -> WorkerSummary {
        try await registry.reconnect(key)
    }
}
