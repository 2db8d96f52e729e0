import Foundation

/// A parsed JSON value from a legacy file: a plain, `Sendable` tree with
/// lookup helpers that never trap. Unknown shapes simply answer `nil`.
///
/// Invariant: building one never fails on valid JSON; nesting depth is bounded
/// by the Foundation parser, so hostile input cannot overflow the stack.
enum LegacyJSON: Hashable, Sendable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([LegacyJSON])
    case object([String: LegacyJSON])

    /// Parses one JSON document. Invalid UTF-8 is replaced by U+FFFD first,
    /// so a stray byte inside a string costs a character, not the record.
    static func parse(_ data: some Collection<UInt8>) -> LegacyJSON? {
        let text = String(decoding: data, as: UTF8.self)
        return try? JSONDecoder().decode(LegacyJSON.self, from: Data(text.utf8))
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

    init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [LegacyJSON] = []
            while !list.isAtEnd { items.append(try list.decode(LegacyJSON.self)) }
            self = .array(items)
            return
        }
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: LegacyJSON] = [:]
            for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(LegacyJSON.self, forKey: key) }
            self = .object(object)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Double.self) { self = .number(value) }
        else { self = .string(try single.decode(String.self)) }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
