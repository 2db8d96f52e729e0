/// Compact text for a JSON value in one-line notices (tool arguments,
/// tool result content). Strings are shown as they are; other values as
/// compact JSON with sorted keys. Output stops growing past `limit` bytes.
enum LegacyJSONText {
    static func compact(_ value: LegacyJSON) -> String {
        if let text = value.string { return text }
        var out = ""
        write(value, into: &out, limit: 4096)
        return out
    }

    private static func write(_ value: LegacyJSON, into out: inout String, limit: Int) {
        guard out.utf8.count < limit else { return }
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .number(number):
            out += number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case let .string(text): out += "\"" + text + "\""
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out, limit: limit)
                if out.utf8.count >= limit { break }
            }
            out += "]"
        case let .object(object):
            out += "{"
            for (index, member) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out += "," }
                out += "\"" + member.key + "\":"
                write(member.value, into: &out, limit: limit)
                if out.utf8.count >= limit { break }
            }
            out += "}"
        }
    }
}
