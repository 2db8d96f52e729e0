import Foundation

/// Tool arguments as an operator reads them: JSON pretty-printed with
/// sorted keys, anything else as it came. The result is untrusted text
/// still: callers sanitise it.
enum PrettyJSON {
    static func format(_ raw: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object,
                                                     options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]),
              let text = String(data: data, encoding: .utf8) else { return raw }
        return text
    }
}
