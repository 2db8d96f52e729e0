import ArgumentParser
import Foundation

struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Start the console (the default)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Theme name (default: $WORKERDECK_THEME, then [console] theme, then default).")
    var theme: String?

    func run() async throws {
        // The console lands with its own issue; until then say what works.
        print(WorkerDeckCommand.helpMessage())
    }
}
