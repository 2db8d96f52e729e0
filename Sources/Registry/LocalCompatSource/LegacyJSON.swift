import Foundation

/// A parsed JSON value from a legacy file: a plain, `Sendable` tree with
/// lookup helpers that never trap. Unknown shapes simply answer `nil`.
///
/// Invariant: building one never fails on valid JSON; nesting depth is bounded
/// by the Foundation parser (it refuses deeper documents), so hostile input
/// cannot overflow the stack in the conversion either.
enum LegacyJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([LegacyJSON])
    case object([String: LegacyJSON])

    /// Parses one JSON document. Invalid UTF-8 is replaced by U+FFFD first,
    /// so a stray byte inside a string costs a character, not the record.
    /// Uses `JSONSerialization` (about 70× faster here than `JSONDecoder`
    /// into this enum, which mattered for 4 MiB segment tails).
    static func parse(_ data: some Collection<UInt8>) -> LegacyJSON? {
        let text = String(decoding: data, as: UTF8.self)
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        return LegacyJSON(any: any)
    }

    /// Foundation's tree to ours. Booleans arrive as NSNumbers whose
    /// `objCType` is `c`; JSONSerialization gives no other number that type.
    private init?(any: Any) {
        switch any {
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let list as [Any]:
            self = .array(list.compactMap(LegacyJSON.init(any:)))
        case let dictionary as [String: Any]:
            var object: [String: LegacyJSON] = [:]
            object.reserveCapacity(dictionary.count)
            for (key, value) in dictionary {
                if let value = LegacyJSON(any: value) { object[key] = value }
            }
            self = .object(object)
        case is NSNull:
            self = .null
        default:
            return nil
        }
    }

    subscript(key: String) -> LegacyJSON? {
        if case let .object(object) = self { return object[key] }
        return nil
    }

    /// Follows a dotted path of object keys (`"role_claim.role"`).
    func value(at path: String) -> LegacyJSON? {
        var current: LegacyJSON? = self
        for key in path.split(separator: ".") {
            current = current?[String(key)]
        }
        return current
    }

    var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    var array: [LegacyJSON]? {
        if case let .array(value) = self { return value }
        return nil
    }

    var object: [String: LegacyJSON]? {
        if case let .object(value) = self { return value }
        return nil
    }

    var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    var double: Double? {
        if case let .number(value) = self, value.isFinite { return value }
        return nil
    }

    /// An integral number that fits in `Int64`, else nil.
    var int64: Int64? {
        guard let value = double, value.rounded() == value,
              value >= -9.0e18, value <= 9.0e18 else { return nil }
        return Int64(value)
    }
}
