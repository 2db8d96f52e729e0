import Foundation

/// Removes anything secret-looking from provider text before it leaves
/// `Providers`: error bodies, transport errors, notices, retry messages.
/// Model replies are never scrubbed (they are the model's words).
///
/// Rules, applied in order (all case-insensitive where it matters):
/// 1. URL query strings: `https://h/p?key=v` → `https://h/p?<redacted>`.
/// 2. `Bearer <token>` → `Bearer <redacted>`.
/// 3. `x-api-key: v`, `api_key=v`, `token=v`, `secret: "v"`, `password=v`
///    (any name ending in key/token/secret/password) → `name=<redacted>`.
/// 4. `sk-…` keys → `<redacted>`.
/// 5. runs of 24 or more base64/hex characters → `<redacted>`.
/// Then control characters become spaces, and the result is capped at
/// `maxLength` characters (ending in `…` when cut).
public enum Scrubber {
    public static let maxLength = 512
    static let mark = "<redacted>"

    private static let rules: [(pattern: String, template: String)] = [
        (#"([A-Za-z][A-Za-z0-9+.-]*://[^\s?#"'<>]*)\?[^\s#"'<>]*"#, "$1?" + mark),
        (#"(?i)\b(bearer)\s+[^\s"',;]+"#, "$1 " + mark),
        (#"(?i)\b([A-Za-z0-9_-]*(?:key|token|secret|password))(["']?\s*[:=]\s*["']?)[^\s"',;&}]+"#, "$1$2" + mark),
        (#"\bsk-[A-Za-z0-9_-]{6,}"#, mark),
        (#"[A-Za-z0-9+/]{24,}={0,2}"#, mark),
    ]

    /// Compiled once; `NSRegularExpression` is immutable and thread-safe.
    private static let compiled: [(NSRegularExpression, String)] = rules.map { rule in
        // The patterns are literals above; failing to compile is a programmer error.
        (try! NSRegularExpression(pattern: rule.pattern), rule.template)
    }

    /// `text` with every secret-looking part replaced, controls flattened,
    /// capped at `maxLength` characters.
    public static func scrub(_ text: String) -> String {
        var result = text
        for (regex, template) in compiled {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        result = String(String.UnicodeScalarView(result.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? " " : scalar
        }))
        if result.count > maxLength {
            result = String(result.prefix(maxLength - 1)) + "…"
        }
        return result
    }
}
