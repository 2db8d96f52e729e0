/// One config file, decoded: its value tree and where each key is, so
/// every module reading its sections reports problems naming the file, the
/// line and the key.
///
/// Key paths are dotted (`providers.openai.base_url`); a table's own path
/// names its header line. Built by the executable, the only module that
/// reads TOML; modules decode their sections from it (`ProvidersConfig.decode`).
public struct ConfigDocument: Hashable, Sendable {
    /// The file as messages show it (its full path, home folded to `~`).
    public var file: String
    public var root: [String: ConfigValue]
    /// The 1-based line of each key path, where known.
    public var lines: [String: Int]

    public init(file: String, root: [String: ConfigValue] = [:], lines: [String: Int] = [:]) {
        self.file = file
        self.root = root
        self.lines = lines
    }

    /// A document of `(dotted key path, value)` pairs, each on its own line
    /// in order (the first on line 1), as a file of `a.b.c = value` lines
    /// would give. For tests and benchmarks.
    public init(file: String, entries pairs: [(String, ConfigValue)]) {
        self.init(file: file)
        for (number, (path, value)) in pairs.enumerated() {
            let keys = path.split(separator: ".").map(String.init)
            root = Self.setting(value, at: keys[...], in: root)
            var prefix: [String] = []
            for key in keys {
                prefix.append(key)
                let joined = prefix.joined(separator: ".")
                if lines[joined] == nil { lines[joined] = number + 1 }
            }
        }
    }

    private static func setting(_ value: ConfigValue, at keys: ArraySlice<String>,
                                in table: [String: ConfigValue]) -> [String: ConfigValue] {
        var table = table
        guard let first = keys.first else { return table }
        if keys.count == 1 {
            table[first] = value
        } else {
            table[first] = .table(setting(value, at: keys.dropFirst(), in: table[first]?.table ?? [:]))
        }
        return table
    }

    public func line(of keyPath: String) -> Int? {
        lines[keyPath]
    }

    /// `file:line: key: message`: a value this document cannot have.
    public func error(_ keyPath: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(of: keyPath), key: keyPath, message: message)
    }

    /// `file:line: key: unknown key, ignored`: a key nothing reads.
    public func unknownKey(_ keyPath: String) -> ConfigWarning {
        ConfigWarning(file: file, keyPath: keyPath, line: line(of: keyPath), message: "unknown key, ignored")
    }

    /// A warning about a value that was read but cannot be used as given.
    public func warning(_ keyPath: String, _ message: String) -> ConfigWarning {
        ConfigWarning(file: file, keyPath: keyPath, line: line(of: keyPath), message: message)
    }
}
