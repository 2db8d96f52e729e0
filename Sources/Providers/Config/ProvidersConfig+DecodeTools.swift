import Runtime

/// The tool settings of a `[profiles.NAME]` table (tools.md Profiles).
/// Unlike other unknown keys (warnings), an unknown tool, mode or approval
/// key is an error: a typo there would silently change what a worker may do.
extension ConfigReader {
    static let toolSettingKeys: Set<String> = ["tools", "workdir", "max_tool_rounds", "approval", "env_passthrough", "bash_sandbox"]

    func readToolSettings(_ path: String, _ table: [String: ConfigValue], base: ToolSettings) throws(ConfigError) -> ToolSettings {
        var settings = base
        if let value = table["tools"] {
            settings.tools = try toolList(value, "\(path).tools")
        }
        if let value = table["workdir"] {
            settings.workdir = try choice(value, "\(path).workdir", WorkdirMode.self)
        }
        if let value = table["max_tool_rounds"] {
            guard let count = value.integer, count >= 1, count <= 1_000 else {
                throw error("\(path).max_tool_rounds", "must be an integer from 1 to 1000")
            }
            settings.maxToolRounds = count
        }
        if let value = table["approval"] {
            let key = "\(path).approval"
            guard let modes = value.table else { throw error(key, "must be a table of tool = \"allow\" | \"ask\" | \"deny\"") }
            for name in modes.keys.sorted() {
                guard let tool = ToolName(rawValue: name) else {
                    throw error("\(key).\(name)", "unknown tool (\(Self.toolNames))")
                }
                settings.approval[tool] = try choice(modes[name]!, "\(key).\(name)", ApprovalMode.self)
            }
        }
        if let value = table["env_passthrough"] {
            let key = "\(path).env_passthrough"
            guard let items = value.array else { throw error(key, "must be an array of environment variable names") }
            var names: [String] = []
            for item in items {
                guard let name = item.string, Self.isVariableName(name) else {
                    throw error(key, "must be an array of environment variable names ([A-Za-z_][A-Za-z0-9_]*)")
                }
                if !names.contains(name) { names.append(name) }
            }
            settings.envPassthrough = names
        }
        if let value = table["bash_sandbox"] {
            settings.bashSandbox = try choice(value, "\(path).bash_sandbox", BashSandbox.self)
        }
        return settings
    }

    static var toolNames: String { ToolName.allCases.map(\.rawValue).joined(separator: ", ") }

    private func toolList(_ value: ConfigValue, _ key: String) throws(ConfigError) -> [ToolName] {
        guard let items = value.array else { throw error(key, "must be an array of tool names (\(Self.toolNames))") }
        var tools: [ToolName] = []
        for item in items {
            guard let text = item.string else { throw error(key, "must be an array of tool names (\(Self.toolNames))") }
            guard let tool = ToolName(rawValue: text) else { throw error(key, "unknown tool \(text) (\(Self.toolNames))") }
            if !tools.contains(tool) { tools.append(tool) }
        }
        return tools
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ value: ConfigValue, _ key: String, _: T.Type) throws(ConfigError) -> T
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = value.string, let parsed = T(rawValue: text) else { throw error(key, "must be one of \(allowed)") }
        return parsed
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
