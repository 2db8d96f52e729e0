import ArgumentParser
import Foundation
import Registry

struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workers", abstract: "List worker summaries.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this runtime.") var runtime: String?
    @Flag(name: .long, help: "Include archived workers (hidden by default).") var archived = false
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            // Every runtime is asked on its own: the registry's all-runtimes
            // listing skips an unavailable one, and an empty table with exit
            // 0 would tell a script there are no workers.
            var workers: [WorkerSummary] = []
            var unavailable: [RegistryError] = []
            for id in runtime.map({ [$0] }) ?? deck.registry.runtimeIds {
                do throws(RegistryError) {
                    workers += try await deck.registry.workers(runtime: id)
                } catch {
                    guard case .runtimeUnavailable = error, runtime == nil else { throw error }
                    unavailable.append(error)
                }
            }
            // Archived workers are hidden unless asked for (issue 16).
            if !archived { workers.removeAll(where: \.archived) }
            if output.json {
                printJSON(workers)
            } else {
                var table = TextTable(["RUNTIME", "WORKER", "LABEL", "STATUS", "MODEL", "ENTRIES"])
                for worker in workers {
                    table.add([worker.runtimeId, worker.workerId, PlainText.line(worker.label), worker.status.rawValue + (worker.archived ? " (archived)" : ""),
                               PlainText.line(worker.model ?? worker.profile ?? "-"), "\(worker.transcriptLen)"])
                }
                out(table.render())
            }
            // The other runtimes' workers are listed above; the unavailable
            // ones are named on stderr and the exit status says so (6).
            guard let last = unavailable.popLast() else { return }
            for error in unavailable { _ = CLIError(error).report(json: output.json) }
            throw CLIError(last)
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one worker's detail.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let summary = try await deck.registry.worker(WorkerKey(runtimeId: runtime, workerId: worker))
            if output.json {
                printJSON(summary)
                return
            }
            out(WorkerDetailText.render(summary))
        }
    }
}
