/// A config file that cannot be used: names the file, the line (when
/// known) and the key. Never a silent fallback to defaults.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    /// `file:line[:column]: [key: ]message`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): " + (key.map { "\($0): " } ?? "") + message
    }
}

/// A key the config file holds that nothing reads, or a value that was
/// ignored: reported, never silently dropped.
public struct ConfigWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var keyPath: String
    public var line: Int?
    public var message: String

    public init(file: String, keyPath: String, line: Int?, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.message = message
    }

    /// `file:line: key: message`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(keyPath): \(message)"
    }
}
