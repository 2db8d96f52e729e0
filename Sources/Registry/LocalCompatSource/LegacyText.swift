import Foundation
import Runtime

/// Text rules for values taken from legacy files. All functions are pure.
enum LegacyText {
    /// Longest hint or label, in characters.
    static let maxHintLength = 80
    /// Longest transcript entry content, in UTF-8 bytes, before the marker.
    static let maxEntryBytes = 64 * 1024
    /// Appended to content cut at `maxEntryBytes`.
    static let truncationMarker = "… [truncated]"
    /// Longest one-line notice (tool calls, reasoning), in characters.
    static let maxNoticeLength = 240

    /// A hint or label: drops Unicode Cc and Cf scalars (escapes, bidi
    /// overrides, zero-width joiners), `/` and `\`; trims white space; keeps
    /// at most 80 characters. Nothing left → nil.
    static func hint(_ raw: String) -> String? {
        let text = WorkerLabel.strippingUnsafeCharacters(raw)
        guard !text.isEmpty else { return nil }
        return String(text.prefix(maxHintLength)).trimmingCharacters(in: .whitespaces)
    }

    /// The id-safe form of a name: lowercase, `[a-z0-9_-]`, every other
    /// scalar becomes `-`.
    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
            default: out.append("-")
            }
        }
        return out
    }

    /// Content for a transcript entry: at most 64 KiB of UTF-8, cut on a
    /// character boundary, with the truncation marker appended when cut.
    static func capped(_ content: String) -> String {
        guard content.utf8.count > maxEntryBytes else { return content }
        var bytes = 0
        var end = content.startIndex
        for index in content.indices {
            let next = content.index(after: index)
            let size = content.utf8.distance(from: index, to: next)
            if bytes + size > maxEntryBytes { break }
            bytes += size
            end = next
        }
        return String(content[..<end]) + truncationMarker
    }

    /// Collapses every run of white space (newlines included) to one space,
    /// drops control characters, and keeps at most `maxNoticeLength`
    /// characters (`…` marks a cut).
    static func oneLine(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        var kept = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
            kept += 1
            if kept > maxNoticeLength * 2 { break }
        }
        guard out.count > maxNoticeLength else { return out }
        return String(out.prefix(maxNoticeLength - 1)) + "…"
    }
}
