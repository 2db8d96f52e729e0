import Foundation

/// Finds the line of a key path in TOML text, for error messages.
/// TOMLKit reports positions only for syntax errors; for a value of the
/// wrong type or an unknown key we look the key up ourselves: table headers
/// (`[a.b]`, `[[a]]`), `key = …` lines, dotted keys and inline tables
/// (`auth = { env = "X" }` is found as `…auth` and `…auth.env`).
/// Best effort: nil when the key cannot be found (multi-line values).
struct KeyLocator {
    /// Dotted key path → its first line.
    private(set) var lines: [String: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.splitKey(String(inner))
                record(table, number)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = table + Self.splitKey(String(line[..<equals]))
            record(key, number)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("{") {
                for part in value.dropFirst().split(separator: ",") {
                    guard let inner = part.firstIndex(of: "=") else { continue }
                    record(key + Self.splitKey(String(part[..<inner])), number)
                }
            }
        }
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let joined = path.joined(separator: ".")
        if lines[joined] == nil { lines[joined] = line }
    }

    /// `a."b.c" . d` → `["a", "b.c", "d"]`.
    static func splitKey(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts.filter { !$0.isEmpty }
    }
}
