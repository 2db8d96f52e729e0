#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Runtime

/// Turns the bytes of a legacy segment file (JSONL) into transcript entries.
///
/// Pure and total: any byte sequence gives a result, never a trap, so it is
/// the libFuzzer entry point for the legacy reader (R8). Invariants:
/// - only newline-terminated lines count; `consumedBytes` ends right after
///   the last `\n`, and bytes after it (a torn tail) are left for later;
/// - a complete line that is not a JSON object with a string `kind` is
///   skipped and its 1-based number is listed in `invalidLines`; blank lines
///   are skipped silently; unknown kinds are skipped silently;
/// - invalid UTF-8 becomes U+FFFD; entry content is capped at 64 KiB.
public enum LegacySegmentParser {
    /// An entry before it is numbered.
    public struct Entry: Hashable, Sendable {
        public var role: TranscriptRole
        public var kind: TranscriptKind
        public var content: String
        public var createdAt: Date

        public init(role: TranscriptRole, kind: TranscriptKind, content: String, createdAt: Date) {
            self.role = role
            self.kind = kind
            self.content = LegacyText.capped(content)
            self.createdAt = createdAt
        }
    }

    public struct Result: Hashable, Sendable {
        public var entries: [Entry] = []
        /// 1-based numbers, counted from the start of the parsed bytes.
        public var invalidLines: [Int] = []
        /// Complete (newline-terminated) lines seen.
        public var lineCount = 0
        /// Bytes up to and including the last newline.
        public var consumedBytes = 0
    }

    public static func parse(data: Data) -> Result {
        var result = Result()
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return }
            var lineStart = 0
            while lineStart < bytes.count,
                  let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                result.lineCount += 1
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<newline])
                lineStart = newline + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                guard let json = LegacyJSON.parse(line), json.object != nil, let kind = json["kind"]?.string else {
                    result.invalidLines.append(result.lineCount)
                    continue
                }
                result.entries += entries(kind: kind, record: json)
            }
            result.consumedBytes = lineStart
        }
        return result
    }

    /// The entries one record contributes, per the format's kind table.
    static func entries(kind: String, record: LegacyJSON) -> [Entry] {
        let at = date(record["ts"])
        switch kind {
        case "segment_start":
            return (record["history"]?.array ?? []).compactMap { item($0, at: date($0["ts"], else: at)) }
        case "user_input":
            return [userInput(record["segments"], at: at)].compactMap { $0 }
        case "assistant_item":
            return [record["item"].flatMap { item($0, at: at) }].compactMap { $0 }
        case "tool_result":
            return [record["item"].flatMap { toolResult($0, at: at) }].compactMap { $0 }
        case "system_item":
            return [record["item"].flatMap { systemBody($0, at: at) }].compactMap { $0 }
        case "run_errored":
            let message = record["message"]?.string ?? record["message"]?["message"]?.string ?? "the run failed"
            return [make(.system, .error, message, at)].compactMap { $0 }
        default:
            return []
        }
    }

    /// An item of `history` or of `assistant_item`, by its `kind`.
    static func item(_ item: LegacyJSON, at: Date) -> Entry? {
        switch item["kind"]?.string ?? item["type"]?.string {
        case "message":
            let role: TranscriptRole = switch item["role"]?.string {
            case "user": .user
            case "system", "developer": .system
            default: .assistant
            }
            return make(role, .message, messageText(item["content"]), at)
        case "tool_call":
            let name = item["name"]?.string ?? "tool"
            let arguments = item["arguments"].map(LegacyJSONText.compact) ?? ""
            return make(.assistant, .notice, LegacyText.oneLine("tool call: \(name) \(arguments)"), at)
        case "reasoning":
            let text = item["text"]?.string ?? item["summary"].map(LegacyJSONText.compact) ?? ""
            return make(.assistant, .notice, LegacyText.oneLine("reasoning: \(text)"), at)
        case "tool_result":
            return toolResult(item, at: at)
        case "user_input":
            return userInput(item["segments"], at: at)
        default:
            return systemBody(item, at: at)
        }
    }

    /// `{call_id, summary, content?, is_error?}` → one system notice line.
    static func toolResult(_ item: LegacyJSON, at: Date) -> Entry? {
        let failed = item["is_error"]?.bool ?? false
        let summary = item["summary"]?.string ?? item["content"].map(LegacyJSONText.compact) ?? ""
        return make(.system, .notice, LegacyText.oneLine((failed ? "tool error: " : "tool result: ") + summary), at)
    }

    /// `system_item.item` (and unknown history items): the `body`, if a string.
    static func systemBody(_ item: LegacyJSON, at: Date) -> Entry? {
        guard let body = item["body"]?.string else { return nil }
        return make(.system, .message, body, at)
    }

    /// `content` as a string, or the `text` / `refusal` parts joined.
    static func messageText(_ content: LegacyJSON?) -> String {
        if let text = content?.string { return text }
        return (content?.array ?? []).compactMap { part -> String? in
            switch part["kind"]?.string ?? part["type"]?.string {
            case "text": part["text"]?.string
            case "refusal": part["refusal"]?.string
            default: nil
            }
        }.joined()
    }

    /// `user_input.segments` joined; references get a space from adjacent text.
    static func userInput(_ segments: LegacyJSON?, at: Date) -> Entry? {
        var text = ""
        var lastWasReference = false
        for segment in segments?.array ?? [] {
            let part: String
            var isReference = true
            switch segment["kind"]?.string ?? segment["type"]?.string {
            case "text", "paste":
                part = segment["content"]?.string ?? segment["text"]?.string ?? ""
                isReference = false
            case "file_ref": part = "@" + (segment["path"]?.string ?? "")
            case "knowledge_ref": part = "#" + (segment["slug"]?.string ?? "")
            case "workflow_invoke": part = "/" + (segment["slug"]?.string ?? "")
            default: part = "[unknown input segment]"
            }
            if (isReference || lastWasReference), let last = text.last, let first = part.first,
               !last.isWhitespace, !first.isWhitespace {
                text.append(" ")
            }
            text += part
            lastWasReference = isReference
        }
        return make(.user, .message, text, at)
    }

    /// nil for content that is empty or only white space.
    static func make(_ role: TranscriptRole, _ kind: TranscriptKind, _ content: String, _ at: Date) -> Entry? {
        guard content.contains(where: { !$0.isWhitespace }) else { return nil }
        return Entry(role: role, kind: kind, content: content, createdAt: at)
    }

    /// `ts` in Unix milliseconds; absent or unusable → `fallback` (epoch).
    static func date(_ ts: LegacyJSON?, else fallback: Date = Date(timeIntervalSince1970: 0)) -> Date {
        guard let ms = ts?.double, abs(ms) < 1e15 else { return fallback }
        return Date(timeIntervalSince1970: ms / 1000)
    }
}
