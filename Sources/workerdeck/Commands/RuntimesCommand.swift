import ArgumentParser
import Foundation
import Registry

struct RuntimesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runtimes", abstract: "List runtime summaries.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let runtimes = await deck.registry.runtimes()
            if output.json {
                printJSON(runtimes)
                return
            }
            var table = TextTable(["RUNTIME", "KIND", "STATUS", "WORKERS", "ACTIVE", "BUSY", "STALE", "DIAGNOSTICS"])
            for runtime in runtimes {
                table.add([runtime.runtimeId, runtime.implementationKind.rawValue, runtime.status.rawValue,
                           "\(runtime.counts.workers)", "\(runtime.counts.active)", "\(runtime.counts.busy)",
                           "\(runtime.counts.stale)", "\(runtime.diagnostics.count)"])
            }
            out(table.render())
            for runtime in runtimes {
                for diagnostic in runtime.diagnostics {
                    out("  [\(diagnostic.implementationKind.rawValue)] \(diagnostic.severity.rawValue) \(diagnostic.code): \(PlainText.line(diagnostic.message))\n")
                }
            }
        }
    }
}
