import ArgumentParser
import Console
import Foundation

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Start the console (the default)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Theme name (default: $WORKERDECK_THEME, then [console] theme, then default).")
    var theme: String?

    func run() async throws {
        var code: Int32 = 0
        try await reporting(json: false) {
            // The console follows another owner's writes when it only observes.
            let deck = try await Deck.open(global, observePolling: true)
            let options = ConsoleOptions.fromEnvironment(
                workspaceName: deck.paths.workspaceRoot.lastPathComponent,
                themeFlag: theme, configTheme: deck.config.theme, keyBindings: deck.config.keys
            )
            do throws(ConsoleFailure) {
                code = try await ConsoleApp.run(registry: deck.registry, options: options)
            } catch {
                await deck.close()
                throw CLIError(code: "no_terminal", message: error.message, exitCode: 1)
            }
            await deck.close()
        }
        if code != 0 { throw ExitCode(code) }
    }
}
