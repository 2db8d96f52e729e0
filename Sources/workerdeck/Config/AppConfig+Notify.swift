import Console
import Runtime

/// `[notify]` and `[prices."provider/model"]`, for the console.
extension AppConfig {
    static let notifyKeys: Set<String> = ["bell", "osc", "command"]
    static let priceKeys: Set<String> = ["input_per_mtok", "output_per_mtok"]

    /// `[notify] bell = true|false`, `osc = "none"|"osc9"|"osc777"`,
    /// `command = ["argv", …]` (run without a shell). Absent keys keep the
    /// defaults of `NotifySettings`.
    static func decodeNotify(_ document: ConfigDocument, warnings: inout [ConfigWarning]) throws(ConfigError) -> NotifySettings {
        var settings = NotifySettings()
        guard let value = document.root["notify"] else { return settings }
        guard let table = value.table else { throw document.error("notify", "must be a table") }
        for key in table.keys.sorted() where !notifyKeys.contains(key) { warnings.append(document.unknownKey("notify.\(key)")) }
        if let bell = table["bell"] {
            guard let flag = bell.bool else { throw document.error("notify.bell", "must be true or false") }
            settings.bell = flag
        }
        if let osc = table["osc"] {
            guard let name = osc.string, let kind = NotifySettings.OSC(rawValue: name) else {
                throw document.error("notify.osc", #"must be "none", "osc9" or "osc777""#)
            }
            settings.osc = kind
        }
        if let command = table["command"] {
            guard let list = command.array, !list.isEmpty, list.allSatisfy({ $0.string?.isEmpty == false }) else {
                throw document.error("notify.command", #"must be a non-empty list of strings (argv, no shell): ["notify-send", "workerdeck"]"#)
            }
            settings.command = list.compactMap(\.string)
        }
        return settings
    }

    /// `[prices."provider/model"] input_per_mtok = 0.15, output_per_mtok = 0.6`
    /// (dollars per million tokens; both required).
    static func decodePrices(_ document: ConfigDocument, warnings: inout [ConfigWarning]) throws(ConfigError) -> [String: TokenPrice] {
        guard let value = document.root["prices"] else { return [:] }
        guard let table = value.table else { throw document.error("prices", #"must be a table of [prices."provider/model"] tables"#) }
        var prices: [String: TokenPrice] = [:]
        for model in table.keys.sorted() {
            let path = "prices.\"\(model)\""
            guard let entry = table[model]?.table else { throw document.error(path, "must be a table") }
            for key in entry.keys.sorted() where !priceKeys.contains(key) { warnings.append(document.unknownKey("\(path).\(key)")) }
            var numbers: [Double] = []
            for key in ["input_per_mtok", "output_per_mtok"] {
                guard let n = entry[key]?.number, n >= 0 else {
                    throw document.error("\(path).\(key)", "must be a number of dollars per million tokens (0 or more)")
                }
                numbers.append(n)
            }
            prices[model] = TokenPrice(inputPerMTok: numbers[0], outputPerMTok: numbers[1])
        }
        return prices
    }
}
