import ArgumentParser
import Foundation
import Registry

struct WorkersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workers", abstract: "List worker summaries.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this runtime.") var runtime: String?
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let workers = try await deck.registry.workers(runtime: runtime)
            if output.json {
                printJSON(workers)
                return
            }
            var table = TextTable(["RUNTIME", "WORKER", "LABEL", "STATUS", "MODEL", "ENTRIES"])
            for worker in workers {
                table.add([worker.runtimeId, worker.workerId, PlainText.line(worker.label), worker.status.rawValue,
                           PlainText.line(worker.model ?? worker.profile ?? "-"), "\(worker.transcriptLen)"])
            }
            out(table.render())
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
