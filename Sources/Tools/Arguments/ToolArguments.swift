import Foundation
import Runtime

/// One call's arguments, decoded and checked: the only way model text
/// reaches a tool. `decode` never traps, whatever the text (fuzzed by
/// `make fuzz-tools`, quality.md R14).
public enum ToolArguments: Hashable, Sendable {
    case read(ReadArguments)
    case list(ListArguments)
    case grep(GrepArguments)
    case write(WriteArguments)
    case edit(EditArguments)
    case bash(BashArguments)

    /// Decodes `call.arguments` for the tool `call.tool` names. Unknown
    /// tools, text that is not a JSON object, missing or mistyped fields and
    /// unknown argument names are errors whose message the model can act on.
    /// Empty text counts as `{}` (some models send it for a call without arguments).
    public static func decode(_ call: ToolCallRequest) -> Result<ToolArguments, ToolArgumentError> {
        guard let tool = call.toolName else {
            let known = ToolName.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(ToolArgumentError(message: "unknown tool \(quoted(call.tool)); the tools are \(known)"))
        }
        let text = call.arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let data = Data((text.isEmpty ? "{}" : text).utf8)
        do throws(ToolArgumentError) {
            switch tool {
            case .read: return .success(.read(try decode(ReadArguments.self, from: data, for: tool)))
            case .list: return .success(.list(try decode(ListArguments.self, from: data, for: tool)))
            case .grep: return .success(.grep(try decode(GrepArguments.self, from: data, for: tool)))
            case .write: return .success(.write(try decode(WriteArguments.self, from: data, for: tool)))
            case .edit: return .success(.edit(try decode(EditArguments.self, from: data, for: tool)))
            case .bash: return .success(.bash(try decode(BashArguments.self, from: data, for: tool)))
            }
        } catch {
            return .failure(error)
        }
    }

    private static func decode<T: CheckedArguments>(_ type: T.Type, from data: Data, for tool: ToolName) throws(ToolArgumentError) -> T {
        func invalid(_ detail: String) -> ToolArgumentError {
            ToolArgumentError(message: "invalid arguments for \(tool.rawValue): \(detail)")
        }
        let decoder = JSONDecoder()
        guard let value = try? decoder.decode(JSONValue.self, from: data) else { throw invalid("not valid JSON") }
        guard case let .object(fields) = value else { throw invalid("not a JSON object") }
        let allowed = Set(T.CodingKeys.allCases.map(\.stringValue))
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            let names = T.CodingKeys.allCases.map { quoted($0.stringValue) }.joined(separator: ", ")
            throw invalid("unknown argument \(quoted(unknown)) (the arguments are \(names))")
        }
        let arguments: T
        do {
            arguments = try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw invalid(describe(error))
        } catch {
            throw invalid("not valid JSON")
        }
        if let problem = arguments.problem { throw invalid(problem) }
        return arguments
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, _):
            return "missing \(quoted(key.stringValue))"
        case let .typeMismatch(type, context):
            return "\(field(context)) must be \(expected(type))"
        case let .valueNotFound(type, context):
            return "\(field(context)) must be \(expected(type)), not null"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(field(context)) is not a valid value"
        @unknown default:
            return "not valid"
        }
    }

    private static func field(_ context: DecodingError.Context) -> String {
        context.codingPath.last.map { quoted($0.stringValue) } ?? "the arguments"
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "a string"
        case is Int.Type, is Int?.Type: "an integer"
        case is Bool.Type, is Bool?.Type: "true or false"
        default: "of another type"
        }
    }

    /// Untrusted text in a message: JSON-quoted, and kept short.
    static func quoted(_ text: String) -> String {
        let short = text.count > 64 ? String(text.prefix(64)) + "…" : text
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(short) else { return "\"?\"" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why a call's arguments were refused; `message` is the result's output.
public struct ToolArgumentError: Error, Hashable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// Argument structs: their keys are the only names accepted, and `problem`
/// checks what types cannot (ranges).
protocol CheckedArguments: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    var problem: String? { get }
}

extension CheckedArguments {
    var problem: String? { nil }
}
