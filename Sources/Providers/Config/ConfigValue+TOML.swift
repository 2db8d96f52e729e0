import TOMLKit

extension ConfigValue {
    /// Converts a TOMLKit value (a non-Sendable class tree) into a value type.
    init(_ value: TOMLValueConvertible) {
        switch value.type {
        case .string: self = .string(value.string ?? "")
        case .int: self = .integer(value.int ?? 0)
        case .double: self = .double(value.double ?? 0)
        case .bool: self = .bool(value.bool ?? false)
        case .array: self = .array((value.array.map { Array($0) } ?? []).map { ConfigValue($0) })
        case .table:
            var table: [String: ConfigValue] = [:]
            if let source = value.table {
                for key in source.keys { if let item = source[key] { table[key] = ConfigValue(item) } }
            }
            self = .table(table)
        default: self = .other(value.tomlValue.debugDescription)
        }
    }

    var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    var integer: Int? {
        if case let .integer(value) = self { return value }
        return nil
    }

    /// Integers are numbers too (`temperature = 1`).
    var number: Double? {
        switch self {
        case let .double(value): value
        case let .integer(value): Double(value)
        default: nil
        }
    }

    var table: [String: ConfigValue]? {
        if case let .table(value) = self { return value }
        return nil
    }

    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .other: "a date or time"
        }
    }
}
