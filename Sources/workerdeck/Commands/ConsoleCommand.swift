import ArgumentParser
import Console
import Foundation
import Providers
import Runtime

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
            // Owns and serves the workspace when nobody does; else attaches
            // to the owner and takes over unaided when it goes.
            let deck = try await Deck.open(global, role: .console)
            deck.home.startServing()
            deck.home.startFailover(reconnectOnStart: deck.config.reconnectOnStart) { note in
                deck.logger.notice("\(note)")
            }
            await deck.home.followLocalWrites()
            var options = ConsoleOptions.fromEnvironment(
                workspaceName: deck.paths.workspaceRoot.lastPathComponent,
                themeFlag: theme, configTheme: deck.config.theme, keyBindings: deck.config.keys
            )
            options.profiles = Self.profileChoices(deck)
            options.reconnectOnStart = deck.config.reconnectOnStart
            options.notify = deck.config.notify
            options.prices = deck.config.prices
            let logger = deck.logger
            options.log = { level, message in
                switch level {
                case .error: logger.error("console: \(message)")
                case .info: logger.info("console: \(message)")
                }
            }
            do throws(ConsoleFailure) {
                code = try await ConsoleApp.run(registry: deck.registry, options: options)
            } catch {
                await deck.close()
                switch error.code {
                case .invalidInput: throw CLIError.invalid(error.message)
                case .failed: throw CLIError(code: "no_terminal", message: error.message, exitCode: 1)
                }
            }
            await deck.close()
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// What the create dialog lists: each profile with its model, or why it
    /// cannot be used now (a reference is named, never a credential value).
    static func profileChoices(_ deck: Deck) -> [ProfileChoice] {
        deck.providers.profileReport(environment: ProcessInfo.processInfo.environment).map { profile in
            switch profile.resolution {
            case let .resolved(resolved):
                return ProfileChoice(name: profile.name, detail: resolved.model)
            case .unknown:
                return ProfileChoice(name: profile.name, detail: profile.configuredModel ?? "", problem: "unknown profile")
            case let .unresolved(reason):
                return ProfileChoice(name: profile.name, detail: profile.configuredModel ?? "", problem: reason)
            }
        }
    }
}
