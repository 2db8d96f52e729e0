import ArgumentParser
import Foundation
import Registry
import Runtime

/// The one place paths are shown: to the machine's own user, with the home
/// directory folded to `~`. Credential values are never shown.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check paths, config, providers, credentials and store health."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await withDeck(global, json: false) { deck in
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
            if deck.configWarnings.isEmpty {
                lines.append("  ok")
            } else {
                lines += deck.configWarnings.map { "  warning: \(PlainText.line($0))" }
            }
            lines.append("providers")
            for provider in deck.providers.doctorReport(environment: ProcessInfo.processInfo.environment) {
                let reference = provider.reference.map { " \($0)" } ?? ""
                var line = "  \(provider.name) scheme=\(provider.scheme.rawValue) host=\(provider.host ?? "-")"
                line += " auth=\(provider.authKind)\(reference) credential: \(provider.credential.rawValue)"
                if let problem = provider.problem { line += " (\(PlainText.line(problem)))" }
                lines.append(line)
            }
            lines.append("store")
            if global.ephemeral {
                lines.append("  ephemeral: nothing on disk")
            } else {
                let health = FileStore.inspect(root: paths.storeRoot)
                lines.append("  file          \(displayPath(URL(fileURLWithPath: health.path), home: home))")
                lines.append("  schema        \(health.schemaVersion ?? "-") (this build knows \(health.knownSchemaVersion))")
                lines.append("  check         \(PlainText.line(health.check))")
                if health.ownerLocked {
                    let owner = health.ownerPid == getpid() ? "this process" : "another console, pid \(health.ownerPid.map(String.init) ?? "?")"
                    lines.append("  owner         \(owner)")
                }
            }
            lines.append("runtimes")
            for runtime in await deck.registry.runtimes() {
                lines.append("  \(runtime.runtimeId) [\(runtime.implementationKind.rawValue)] \(runtime.status.rawValue)")
                for diagnostic in runtime.diagnostics {
                    lines.append("    \(diagnostic.severity.rawValue) \(diagnostic.code): \(PlainText.line(diagnostic.message))")
                }
            }
            out(lines.joined(separator: "\n") + "\n")
        }
    }
}
