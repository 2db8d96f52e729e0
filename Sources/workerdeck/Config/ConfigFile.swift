import Foundation
import Runtime
import TOMLKit

/// The one place the config file is read and its TOML parsed: into a
/// `ConfigDocument` (values and the line of each key) that every module's
/// decoder then reads its sections from.
enum ConfigFile {
    /// Reads and parses `url`; nil when there is no file (built-in
    /// defaults). `shownAs` is how messages name the file.
    static func read(_ url: URL, shownAs file: String) throws(ConfigError) -> ConfigDocument? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError(file: file, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: file, message: "is not valid UTF-8")
        }
        return try parse(text, file: file)
    }

    /// A syntax error names the file, line and column TOMLKit reports.
    static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigDocument {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, column: error.source.begin.column,
                              message: error.description)
        } catch {
            throw ConfigError(file: file, message: "cannot be parsed")
        }
        guard case let .table(root) = ConfigValue(table) else { preconditionFailure("a TOML document is a table") }
        return ConfigDocument(file: file, root: root, lines: KeyLocator(text: text).lines)
    }
}

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
}
