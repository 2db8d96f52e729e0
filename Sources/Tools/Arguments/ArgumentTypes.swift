import Foundation

/// `read {path, offset?, limit?}`.
public struct ReadArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var path: String
    /// The first line shown, counting from 1.
    public var offset: Int?
    /// How many lines at most (capped at `ReadTool.maxLines`).
    public var limit: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case path, offset, limit }

    var problem: String? {
        if let offset, offset < 1 { return "\"offset\" must be 1 or more (lines count from 1)" }
        if let limit, limit < 1 { return "\"limit\" must be 1 or more" }
        return nil
    }
}

/// `list {path?, glob?}`.
public struct ListArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var path: String?
    public var glob: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case path, glob }
}

/// `grep {pattern, path?, glob?, regex?}`.
public struct GrepArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var pattern: String
    public var path: String?
    public var glob: String?
    public var regex: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable { case pattern, path, glob, regex }

    var problem: String? { pattern.isEmpty ? "\"pattern\" is empty" : nil }
}

/// `write {path, content}`.
public struct WriteArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var path: String
    public var content: String
    enum CodingKeys: String, CodingKey, CaseIterable { case path, content }

    var problem: String? {
        content.utf8.count > WriteTool.maxContentBytes ? "\"content\" is over 1 MiB (\(content.utf8.count) bytes)" : nil
    }
}

/// `edit {path, old, new, replace_all?}`.
public struct EditArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var path: String
    public var old: String
    public var new: String
    public var replaceAll: Bool?
    enum CodingKeys: String, CodingKey, CaseIterable { case path, old, new, replaceAll = "replace_all" }

    var problem: String? {
        if old.isEmpty { return "\"old\" is empty" }
        if old == new { return "\"old\" and \"new\" are the same" }
        return nil
    }
}

/// `bash {command, timeout?}`.
public struct BashArguments: Decodable, Hashable, Sendable, CheckedArguments {
    public var command: String
    /// Seconds; 120 when absent. Over 600 is refused (not clamped), so the
    /// model learns the limit rather than being surprised by it.
    public var timeout: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case command, timeout }

    var problem: String? {
        if command.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "\"command\" is empty" }
        if let timeout, !(1...BashTool.maxTimeoutSeconds).contains(timeout) {
            return "\"timeout\" must be 1 to \(BashTool.maxTimeoutSeconds) seconds"
        }
        return nil
    }
}
