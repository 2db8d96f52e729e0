import Foundation
import Testing
@testable import Console

@Suite struct ThemeTests {
    static let shipped = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    func loader(with files: [String: String]) throws -> ThemeLoader {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name + ".toml"), atomically: true, encoding: .utf8) }
        return ThemeLoader(directories: [.init(label: "user themes", url: dir), .init(label: "themes", url: Self.shipped)])
    }

    @Test func parsesEveryColourForm() {
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "red") == .indexed(1))
        #expect(ThemeColor(parsing: "bright-blue") == .indexed(12))
        #expect(ThemeColor(parsing: "208") == .indexed(208))
        #expect(ThemeColor(parsing: "#61afef") == .rgb(0x61, 0xAF, 0xEF))
        #expect(ThemeColor(parsing: "#61afe") == nil)
        #expect(ThemeColor(parsing: "256") == nil)
    }

    @Test func coloursFallBackToSmallerPalettes() {
        let pure = ThemeColor.rgb(255, 0, 0)
        #expect(pure.index(forColors: 256) == 9) // exact match in the first 16
        #expect(ThemeColor.rgb(0x87, 0xAF, 0xD7).index(forColors: 256) == 110) // cube entry
        #expect(ThemeColor.rgb(0x87, 0xAF, 0xD7).index(forColors: 16) < 16)
        #expect(pure.index(forColors: 16) == 9)
        #expect(pure.index(forColors: 8) == 1)
        #expect(ThemeColor.indexed(12).index(forColors: 8) == 4)
        #expect(ThemeColor.terminalDefault.index(forColors: 256) == -1)
    }

    @Test func rolesFallBackAlongDottedNames() {
        let theme = Theme(name: "t", roles: ["text": .plain, "status": RoleStyle(attributes: .dim)])
        #expect(StyleRole("status.busy").fallbackChain == ["status.busy", "status", "text"])
        #expect(theme.style(for: "status.busy") == RoleStyle(attributes: .dim))
        #expect(theme.style(for: "border.focused") == .plain)
    }

    @Test func shippedThemesLoadWithoutDiagnostics() throws {
        let l = ThemeLoader(directories: [.init(label: "themes", url: Self.shipped)])
        #expect(l.available() == ["dark", "default", "light", "mono"])
        for name in l.available() {
            let loaded = try #require(l.load(name))
            #expect(loaded.1 == [], "\(name)")
        }
        let dark = try #require(l.load("dark")).0
        #expect(dark.style(for: "border.focused").fg == .rgb(0x61, 0xAF, 0xEF)) // palette overrides the parent's
        #expect(dark.borders == .rounded) // inherited from default
        let mono = try #require(l.load("mono")).0
        #expect(mono.roles.values.allSatisfy { $0.fg == .terminalDefault && $0.bg == .terminalDefault })
    }

    @Test func unknownKeysAndRolesAreReportedWithFileAndKey() throws {
        let l = try loader(with: ["odd": """
            [meta]
            name = "odd"
            extends = "default"
            colour = "x"
            [palette]
            accent = "ultraviolet"
            [roles]
            "status.bizzare" = { fg = "red" }
            "text" = { fg = "red", blink = true, attrs = ["sparkle"] }
            [extra]
            """])
        let (theme, problems) = try #require(l.load("odd"))
        #expect(Set(problems.map(\.description)) == [
            "user themes/odd.toml: extra: unknown key",
            "user themes/odd.toml: meta.colour: unknown key",
            "user themes/odd.toml: palette.accent: not a colour (default, an ANSI name, bright-NAME, 0..255 or #rrggbb)",
            "user themes/odd.toml: roles.\"status.bizzare\": unknown role",
            "user themes/odd.toml: roles.\"text\".blink: unknown key",
            "user themes/odd.toml: roles.\"text\".attrs: unknown attribute sparkle",
        ])
        #expect(theme.style(for: "text").fg == .indexed(1))
    }

    @Test func userThemesShadowShippedOnes() throws {
        let l = try loader(with: ["default": "[roles]\n\"text\" = { fg = \"green\" }\n"])
        #expect(try #require(l.load("default")).0.style(for: "text").fg == .indexed(2))
    }

    @Test func extendsCyclesAreReported() throws {
        let l = try loader(with: ["a": "[meta]\nextends = \"b\"\n", "b": "[meta]\nextends = \"a\"\n"])
        let (_, problems) = try #require(l.load("a"))
        #expect(problems.map(\.key) == ["meta.extends"])
    }

    @Test func brokenTomlIsADiagnosticNotACrash() throws {
        let l = try loader(with: ["broken": "[roles\n"])
        let (theme, problems) = try #require(l.load("broken"))
        #expect(problems.count == 1)
        #expect(theme.style(for: "text") == .plain)
    }

    @Test func selectionPrefersFlagThenEnvironmentThenConfig() {
        #expect(selectThemeName(flag: "a", environment: ["WORKERDECK_THEME": "b"], config: "c") == "a")
        #expect(selectThemeName(flag: nil, environment: ["WORKERDECK_THEME": "b"], config: "c") == "b")
        #expect(selectThemeName(flag: nil, environment: [:], config: "c") == "c")
        #expect(selectThemeName(flag: nil, environment: [:], config: nil) == "default")
    }

    @Test func colourPairsAreCachedAndMonoUsesNone() {
        var allocated: [[Int16]] = []
        let table = ColorPairTable(depth: .c16, maxPairs: 64) { allocated.append([$0, $1, $2]) }
        let s = RoleStyle(fg: .rgb(255, 0, 0), bg: .terminalDefault)
        #expect(table.pair(for: s) == 1)
        #expect(table.pair(for: s) == 1)
        #expect(table.pair(for: .plain) == 0)
        #expect(allocated == [[1, 9, -1]])
        let mono = ColorPairTable(depth: ColorDepth(colors: 256, hasColors: true, noColor: true), maxPairs: 64) { _, _, _ in }
        #expect(mono.pair(for: s) == 0)
    }
}

@Suite struct ThemeColourReferenceTests {
    @Test func unknownPaletteNameInARoleIsReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "[roles]\n\"border\" = { fg = \"accnt\" }\n".write(to: dir.appendingPathComponent("typo.toml"), atomically: true, encoding: .utf8)
        let l = ThemeLoader(directories: [.init(label: "user themes", url: dir)])
        let (_, problems) = try #require(l.load("typo"))
        #expect(problems.map(\.description) == ["user themes/typo.toml: roles.\"border\".fg: unknown colour or palette name \"accnt\""])
    }
}
