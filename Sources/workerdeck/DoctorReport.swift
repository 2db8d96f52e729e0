import Foundation
import Registry
import Runtime

/// What `workerdeck doctor` finds, built once and shown as text or JSON.
/// Paths are shown to the machine's own user with the home directory folded
/// to `~`; credential values and other processes' pids never appear.
struct DoctorReport: Encodable {
    struct PathsSection: Encodable {
        var dataDir: String
        var configFile: String
        var configFilePresent: Bool
        var workspaceRoot: String
        var workspaceId: String
        /// Nil with `--ephemeral`.
        var storeRoot: String?
        var logFile: String
    }

    struct Provider: Encodable {
        var name: String
        var scheme: String
        var host: String?
        var auth: String
        var reference: String?
        /// `present`, `missing` or `not required`: never the value.
        var credential: String
        var problem: String?
    }

    struct Store: Encodable {
        var ephemeral: Bool
        var file: String?
        var schemaVersion: String?
        var knownSchemaVersion: String?
        var check: String?
        /// `this_process`, `another_process`, or nil when no one holds the lock.
        var owner: String?
        /// The owner's API socket (serve.md), and whether this call reached
        /// the owner through it (`attached`).
        var apiSocket: String?
        var apiSocketPresent: Bool?
        var attached: Bool?
    }

    var paths: PathsSection
    var configWarnings: [String]
    var providers: [Provider]
    var store: Store
    var runtimes: [RuntimeSummary]

    static func gather(_ deck: Deck, ephemeral: Bool) async -> DoctorReport {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? ""
        let paths = deck.paths
        func show(_ url: URL) -> String { displayPath(url, home: home) }
        let section = PathsSection(
            dataDir: show(paths.dataDir), configFile: show(paths.configFile),
            configFilePresent: FileManager.default.fileExists(atPath: paths.configFile.path),
            workspaceRoot: show(paths.workspaceRoot), workspaceId: paths.workspaceId,
            storeRoot: ephemeral ? nil : show(paths.storeRoot), logFile: show(paths.logFile))
        let providers = deck.providers.doctorReport(environment: environment).map {
            Provider(name: $0.name, scheme: $0.scheme.rawValue, host: $0.host, auth: $0.authKind,
                     reference: $0.reference, credential: $0.credential.rawValue, problem: $0.problem)
        }
        var store = Store(ephemeral: ephemeral)
        if !ephemeral {
            let health = FileStore.inspect(root: paths.storeRoot)
            store.file = displayPath(URL(fileURLWithPath: health.path), home: home)
            store.schemaVersion = health.schemaVersion
            store.knownSchemaVersion = health.knownSchemaVersion
            store.check = health.check
            let socket = paths.storeRoot.appendingPathComponent(FileStore.apiSocketFileName)
            store.apiSocket = displayPath(socket, home: home)
            store.apiSocketPresent = FileManager.default.fileExists(atPath: socket.path)
            store.attached = deck.home.isClient
            if health.ownerLocked {
                let mine = health.ownerPid == getpid()
                store.owner = mine ? "this_process" : "another_process"
                // Another process's pid is for whoever reads the log file
                // (registry.md: no pid of another process in any output).
                if !mine {
                    deck.logger.notice("doctor: the store's owner lock is held by another process",
                                       metadata: ["pid": .string(health.ownerPid.map(String.init) ?? "unknown")])
                }
            }
        }
        return DoctorReport(paths: section, configWarnings: deck.configWarnings, providers: providers,
                            store: store, runtimes: await deck.registry.runtimes())
    }

    /// The plain text: one section per heading.
    var text: String {
        var lines = [
            "paths",
            "  data dir        \(paths.dataDir)",
            "  config file     \(paths.configFile)\(paths.configFilePresent ? "" : " (absent: built-in defaults)")",
            "  workspace root  \(paths.workspaceRoot)",
            "  workspace id    \(paths.workspaceId)",
            "  store root      \(paths.storeRoot ?? "(ephemeral: memory only)")",
            "  log file        \(paths.logFile)",
            "config",
        ]
        if configWarnings.isEmpty {
            lines.append("  ok")
        } else {
            lines += configWarnings.map { "  warning: \($0)" }
        }
        lines.append("providers")
        for provider in providers {
            let reference = provider.reference.map { " \($0)" } ?? ""
            var line = "  \(provider.name) scheme=\(provider.scheme) host=\(provider.host ?? "-")"
            line += " auth=\(provider.auth)\(reference) credential: \(provider.credential)"
            if let problem = provider.problem { line += " (\(problem))" }
            lines.append(line)
        }
        lines.append("store")
        if store.ephemeral {
            lines.append("  ephemeral: nothing on disk")
        } else {
            lines.append("  file          \(store.file ?? "-")")
            lines.append("  schema        \(store.schemaVersion ?? "-") (this build knows \(store.knownSchemaVersion ?? "-"))")
            lines.append("  check         \(store.check ?? "-")")
            switch store.owner {
            case "this_process": lines.append("  owner         this process")
            case "another_process": lines.append("  owner         another process (a console, workerdeck serve or a CLI call; its pid is in the log file)")
            default: break
            }
            let socketState = store.attached == true ? "attached to the owner through it"
                : store.apiSocketPresent == true ? "present" : "absent (no owner is serving)"
            lines.append("  api socket    \(store.apiSocket ?? "-") (\(socketState))")
        }
        lines.append("runtimes")
        for runtime in runtimes {
            lines.append("  \(runtime.runtimeId) [\(runtime.implementationKind.rawValue)] \(runtime.status.rawValue)")
            for diagnostic in runtime.diagnostics {
                lines.append("    \(diagnostic.severity.rawValue) \(diagnostic.code): \(diagnostic.message)")
            }
        }
        // Paths, provider names and hosts come from the config and the
        // environment: sanitised like everything else plain output shows.
        return lines.map(PlainText.line).joined(separator: "\n") + "\n"
    }
}
