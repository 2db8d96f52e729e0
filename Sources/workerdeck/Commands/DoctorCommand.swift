import ArgumentParser
import Foundation

/// The one place paths are shown: to the machine's own user, with the home
/// directory folded to `~`. Credential values are never shown.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check paths, config, providers, credentials and store health."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let report = await DoctorReport.gather(deck, ephemeral: global.ephemeral)
            if output.json {
                printJSON(report)
            } else {
                out(report.text)
            }
        }
    }
}
