import ArgumentParser
import Foundation
import Registry

/// `workerdeck rename R W LABEL`: sets a worker's display label, whatever
/// its status (issue 16, Managing a fleet of workers).
struct RenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Set a worker's label (display only; stopped workers too).",
        discussion: """
        Control and format characters, / and \\ are dropped and the rest trimmed; 1-80 characters must remain, \
        else exit 2. Local compatibility workers cannot be renamed (exit 5).
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Argument(help: "The new label.") var label: String
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json, role: .write) { deck in
            let summary = try await deck.registry.rename(WorkerKey(runtimeId: runtime, workerId: worker), label: label)
            if output.json {
                printJSON(summary)
            } else {
                out("\(summary.workerId) renamed to \(PlainText.line(summary.label))\n")
            }
        }
    }
}
