import Foundation

/// What the `workerdeck` executable passes to the console.
public struct ConsoleOptions: Sendable {
    /// Shown in the title; a name, never a path.
    public var workspaceName: String
    /// Already selected with `selectThemeName(flag:environment:config:)`.
    public var themeName: String
    /// Where themes are found (`ThemeLoader.standard(shipped:environment:)`).
    public var themeLoader: ThemeLoader
    /// The config's `[keys]` table: command name → key names.
    public var keyBindings: [String: [String]]
    /// `WORKERDECK_TEST_EVENTS`: JSON-lines file for end-to-end tests.
    public var testEventsPath: String?
    /// `NO_COLOR` set: draw in mono whatever the theme says.
    public var noColor: Bool
    /// Mouse wheel scrolling (`WORKERDECK_MOUSE=1`). Off by default so the
    /// terminal's own text selection keeps working.
    public var mouse: Bool
    /// Offset from UTC for transcript clocks.
    public var clockOffsetSeconds: Int
    /// The profiles the create dialog lists (and `:create` checks).
    public var profiles: [ProfileChoice] = []
    /// `[runtime] reconnect_on_start`: reconnect stale workers once at start.
    public var reconnectOnStart = false
    /// `[notify]`: bell, OSC and command for workers out of sight.
    public var notify = NotifySettings()
    /// `[prices."provider/model"]`: per-million-token prices for a cost figure.
    public var prices: [String: TokenPrice] = [:]
    /// Where every message the flash line shows also goes (the executable
    /// logs it: a failure the operator saw is also a log line).
    public var log: @Sendable (Flash.Level, String) -> Void = { _, _ in }

    public init(workspaceName: String, themeName: String, themeLoader: ThemeLoader,
                keyBindings: [String: [String]] = [:], testEventsPath: String? = nil,
                noColor: Bool = false, mouse: Bool = false,
                clockOffsetSeconds: Int = TimeZone.current.secondsFromGMT()) {
        self.workspaceName = workspaceName; self.themeName = themeName; self.themeLoader = themeLoader
        self.keyBindings = keyBindings; self.testEventsPath = testEventsPath; self.noColor = noColor
        self.mouse = mouse; self.clockOffsetSeconds = clockOffsetSeconds
    }

    /// Reads `WORKERDECK_TEST_EVENTS`, `NO_COLOR`, `WORKERDECK_MOUSE`,
    /// `WORKERDECK_THEMES_DIR` and `WORKERDECK_THEME` from
    /// the environment; `themeFlag` (from `--theme`) and `configTheme` win in
    /// that order.
    public static func fromEnvironment(workspaceName: String, shippedThemes: URL? = nil, themeFlag: String?,
                                       configTheme: String?, keyBindings: [String: [String]],
                                       environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleOptions {
        ConsoleOptions(
            workspaceName: workspaceName,
            themeName: selectThemeName(flag: themeFlag, environment: environment, config: configTheme),
            themeLoader: .standard(shipped: shippedThemes ?? ThemeLoader.shippedDirectory(environment: environment),
                                   environment: environment),
            keyBindings: keyBindings,
            testEventsPath: environment["WORKERDECK_TEST_EVENTS"],
            noColor: !(environment["NO_COLOR"] ?? "").isEmpty,
            mouse: environment["WORKERDECK_MOUSE"] == "1")
    }
}
