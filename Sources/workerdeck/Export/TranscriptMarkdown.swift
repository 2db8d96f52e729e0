import Foundation
import Registry

/// A transcript as Markdown, for reading outside WorkerDeck. Nothing the
/// model, a tool or a legacy file wrote is ever Markdown here: every
/// content lands in a fenced block longer than any backtick run inside it
/// (so no content can close it, fake a heading or inject HTML), and
/// the few untrusted words outside fences are escaped. Escape sequences
/// and other controls are removed like the CLI's plain output.
enum TranscriptMarkdown {
    /// The document's title: the worker's label and id, and its runtime.
    static func header(runtimeId: String, workerId: String, label: String) -> String {
        let name = label.isEmpty || label == workerId ? inline(workerId) : "\(inline(label)) (\(inline(workerId)))"
        return "# Transcript of \(name)\n\nRuntime \(inline(runtimeId)), exported by workerdeck.\n"
    }

    /// One entry: a heading with its number, role, kind and time, then its
    /// content (a tool call's arguments, a tool result's output and diff).
    static func entry(_ item: TranscriptItem) -> String {
        var heading = "## \(item.sequence). \(item.role.rawValue)"
        if item.kind != .message { heading += " · \(item.kind.rawValue.replacingOccurrences(of: "_", with: " "))" }
        heading += " · " + (item.createdAt.map { $0.formatted(.iso8601) } ?? "no time recorded")
        if item.interrupted { heading += " · interrupted" }
        var text = "\n" + heading + "\n\n"
        if let call = item.toolCall {
            text += "Tool \(inline(call.tool)), call \(inline(call.callId)), arguments:\n\n"
            text += fenced(call.arguments, info: "json")
        } else if let result = item.toolResult {
            text += "Result \(inline(result.status.rawValue)) of call \(inline(result.callId))"
            text += result.truncated ? " (output truncated)" : ""
            text += result.output.isEmpty ? ", no output.\n" : ":\n\n" + fenced(result.output, info: "text")
            if let diff = result.diff, !diff.isEmpty {
                text += "\nChanges:\n\n" + fenced(diff, info: "diff")
            }
        } else {
            text += fenced(item.content, info: "text")
        }
        return text
    }

    /// `text` sanitised inside a backtick fence one longer than its longest
    /// backtick run (at least three): CommonMark closes a fence only on a
    /// run at least as long, so the content cannot end it early.
    static func fenced(_ text: String, info: String) -> String {
        let body = PlainText.sanitise(text)
        var longest = 0, run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let end = body.isEmpty || body.hasSuffix("\n") ? "" : "\n"
        return "\(fence)\(info)\n\(body)\(end)\(fence)\n"
    }

    /// One line of untrusted text outside a fence: sanitised, newlines
    /// folded, and every character Markdown or HTML could act on escaped.
    static func inline(_ text: String) -> String {
        var escaped = ""
        for character in PlainText.line(text) {
            if "\\`*_[]<>#!|~&".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
