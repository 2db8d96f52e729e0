/// A value of the config file, as plain data: the executable decodes the
/// file's TOML into this tree once, and each module reads its own sections
/// from it (no module but the executable knows TOML).
public indirect enum ConfigValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// Dates and times, as TOML text.
    case other(String)

    public var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    public var integer: Int? {
        if case let .integer(value) = self { return value }
        return nil
    }

    /// Integers are numbers too (`temperature = 1`).
    public var number: Double? {
        switch self {
        case let .double(value): value
        case let .integer(value): Double(value)
        default: nil
        }
    }

    public var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public var array: [ConfigValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    public var table: [String: ConfigValue]? {
        if case let .table(value) = self { return value }
        return nil
    }

    /// What a message calls this kind of value: `a string`, `a table`, ….
    public var typeName: String {
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

// Literals, so tests and benchmarks can write a document's values as they
// would appear in the file.
extension ConfigValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: ConfigValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, ConfigValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
