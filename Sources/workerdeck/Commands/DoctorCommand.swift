import ArgumentParser
import Foundation
import Registry

/// The one place paths are shown: to the machine's own user, with the home
/// directory folded to `~`. Credential values are never shown.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check paths, config, providers, credentials and store health."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await reporting(json: false) {
            let deck = try await Deck.open(global)
            let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
            let paths = deck.paths
            func show(_ url: URL) -> String { displayPath(url, home: home) }
            var lines = [
                "paths",
                "  data dir        \(show(paths.dataDir))",
                "  config file     \(show(paths.configFile))\(FileManager.default.fileExists(atPath: paths.configFile.path) ? "" : " (absent: built-in defaults)")",
                "  workspace root  \(show(paths.workspaceRoot))",
                "  workspace id    \(paths.workspaceId)",
                "  store root      \(global.ephemeral ? "(ephemeral: memory only)" : show(paths.storeRoot))",
                "  log file        \(show(paths.logFile))",
                "config",
            ]
            if deck.config.unknownKeys.isEmpty {
                lines.append("  ok")
            } else {
                lines += deck.config.unknownKeys.map { "  warning: unknown key \($0)" }
            }
            lines.append("runtimes")
            for runtime in await deck.registry.runtimes() {
                lines.append("  \(runtime.runtimeId) [\(runtime.implementationKind.rawValue)] \(runtime.status)")
                for diagnostic in runtime.diagnostics {
                    lines.append("    \(diagnostic.severity.rawValue) \(diagnostic.code): \(PlainText.line(diagnostic.message))")
                }
            }
            out(lines.joined(separator: "\n") + "\n")
        }
    }
}
