import Foundation

/// Last line of defence for text that crosses into operator-facing values:
/// removes absolute paths, home paths, socket and session paths, and anything
/// shaped like a credential. Sources are expected to write path-free text in
/// the first place; this catches what they missed.
public enum Redactor {
    public static func redact(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            words.append(isPrivate(word) ? "[redacted]" : word)
        }
        var result = words.joined(separator: " ")
        if result.lowercased().has("bearer ") {
            result = maskAfter("bearer ", in: result)
        }
        return result
    }

    static func isPrivate(_ word: Substring) -> Bool {
        let trimmed = word.trimmingPunctuation()
        let lower = trimmed.lowercased()
        if trimmed.hasPrefix("/") && trimmed.count > 1 { return true }
        if trimmed.hasPrefix("~/") { return true }
        if lower.has(".sock") || lower.has("sessions/") || lower.has("metadata.json")
            || lower.has(".sqlite") { return true }
        if lower.hasPrefix("sk-") || lower.hasPrefix("sk_") || lower.has("key=") || lower.has("token=") {
            return true
        }
        if trimmed.contains("?") && String(trimmed).has("://") { return true }
        var run = 0
        for scalar in trimmed.unicodeScalars {
            let isKeyish = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "+" || scalar == "=" || scalar == "_"
            run = isKeyish ? run + 1 : 0
            if run >= 32 { return true }
        }
        return false
    }

    private static func maskAfter(_ marker: String, in text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: marker, options: .caseInsensitive) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let tokenEnd = rest.firstIndex(of: " ") ?? rest.endIndex
            out += "[redacted]"
            rest = rest[tokenEnd...]
        }
        return out + rest
    }
}

extension Substring {
    fileprivate func trimmingPunctuation() -> Substring {
        var slice = self
        while let first = slice.first, "\"'(<[{,;".contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, "\"')>]},;.:".contains(last) { slice = slice.dropLast() }
        return slice
    }
}

extension String {
    /// Whether `needle` occurs, compared byte for byte. Neither Foundation's
    /// `contains` (which bridged every word through `NSString`) nor the
    /// generic `firstRange(of:)`: both made redaction most of a 1,000-worker
    /// list's time (B8, B10).
    fileprivate func has(_ needle: StaticString) -> Bool {
        var text = self
        return text.withUTF8 { hay in
            needle.withUTF8Buffer { n in
                guard n.count > 0, n.count <= hay.count, let h = hay.baseAddress, let p = n.baseAddress else { return false }
                for i in 0...(hay.count - n.count) where h[i] == p[0] && memcmp(h + i, p, n.count) == 0 { return true }
                return false
            }
        }
    }
}
