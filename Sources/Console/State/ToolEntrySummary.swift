import Foundation
import Registry
import Runtime

/// Tool calls and results as compact one-line entries (tools.md, Seeing
/// what workers did): `⚙ edit  README.md`, `✓ ok  12 lines`. All of it is
/// the model's or a tool's untrusted text: the caller sanitises the line.
enum ToolEntrySummary {
    /// The argument an operator recognises a call by, per tool.
    static let keyArguments = ["command", "path", "pattern", "glob"]

    static func line(_ call: ToolCallRequest) -> String {
        let arguments = (try? JSONSerialization.jsonObject(with: Data(call.arguments.utf8))) as? [String: Any]
        let key = keyArguments.lazy.compactMap { arguments?[$0] as? String }.first
        return "⚙ \(call.tool)  " + (key ?? call.arguments)
    }

    static func line(_ result: ToolResult) -> String {
        // A final newline ends the last line; it does not start another.
        let segments = result.output.split(separator: "\n", omittingEmptySubsequences: false).count
        let lines = result.output.isEmpty ? 0 : segments - (result.output.hasSuffix("\n") ? 1 : 0)
        let size = lines == 1 ? "1 line" : "\(lines) lines"
        let first = result.output.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        switch result.status {
        case .ok:
            let diff = result.diff.map { diffStat($0) } ?? ""
            return "✓ ok  " + (diff.isEmpty ? size : diff) + (result.truncated ? " (truncated)" : "")
        case .error: return "✗ error  " + first
        case .denied: return "⊘ denied  " + first
        case .interrupted: return "⏸ interrupted  " + first
        }
    }

    /// `+3 −1` from a unified diff.
    static func diffStat(_ diff: String) -> String {
        var added = 0, removed = 0
        for line in diff.split(separator: "\n") {
            if line.hasPrefix("+++") || line.hasPrefix("---") { continue }
            if line.hasPrefix("+") { added += 1 } else if line.hasPrefix("-") { removed += 1 }
        }
        return "+\(added) −\(removed)"
    }
}
