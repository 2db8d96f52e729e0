import Foundation
import Registry

/// The plain `show` view of one worker.
enum WorkerDetailText {
    static func render(_ worker: WorkerSummary) -> String {
        var lines: [(String, String)] = [
            ("runtime", worker.runtimeId),
            ("worker", worker.workerId),
            ("label", worker.label),
            ("kind", worker.implementationKind.rawValue),
            ("status", worker.status.rawValue),
            ("run state", worker.runState.rawValue),
        ]
        if let profile = worker.profile { lines.append(("profile", profile)) }
        if let model = worker.model { lines.append(("model", model)) }
        lines.append(("entries", "\(worker.transcriptLen)"))
        if worker.archived { lines.append(("archived", "yes (hidden from workers; unarchive R W shows it)")) }
        if let parent = worker.parent { lines.append(("parent", "\(parent.workerId) at entry \(parent.entry)")) }
        if let usage = worker.usage { lines.append(("tokens", "in \(usage.input), out \(usage.output)")) }
        if let created = worker.createdAt { lines.append(("created", created.formatted(.iso8601))) }
        if let activity = worker.lastActivityAt { lines.append(("last activity", activity.formatted(.iso8601))) }
        if let result = worker.lastResult {
            lines.append(("last result", "\(result.operation.rawValue) \(result.outcome.rawValue)" + (result.message.map { ": \($0)" } ?? "")))
        }
        if let bundle = worker.configBundle { lines.append(("config bundle", bundle)) }
        let can = [("input", worker.capabilities.canAcceptInput), ("interrupt", worker.capabilities.canInterrupt),
                   ("stop", worker.capabilities.canStop), ("cancel", worker.capabilities.canCancel),
                   ("reconnect", worker.capabilities.canReconnect)].filter(\.1).map(\.0)
        lines.append(("can", can.isEmpty ? "-" : can.joined(separator: ", ")))
        var text = lines.map { "\($0.0.padding(toLength: 14, withPad: " ", startingAt: 0))\(PlainText.line($0.1))" }.joined(separator: "\n") + "\n"
        for diagnostic in worker.diagnostics {
            text += "  [\(diagnostic.implementationKind.rawValue)] \(diagnostic.severity.rawValue) \(diagnostic.code): \(PlainText.line(diagnostic.message))\n"
        }
        return text
    }
}
