import Console
import Foundation
import Runtime
import Testing
@testable import workerdeck

/// `[notify]` and `[prices]`: typed, with errors naming file, line and key.
@Suite struct NotifyConfigTests {
    func decode(_ text: String) throws(ConfigError) -> DeckConfig {
        try DeckConfig.decode(ConfigFile.parse(text, file: DeckConfigTests.file))
    }

    @Test func defaultsRingTheBellOnly() throws {
        let config = try decode("")
        #expect(config.app.notify == NotifySettings(bell: true, osc: .none, command: []))
        #expect(config.app.prices.isEmpty)
    }

    @Test func notifyAndPricesAreDecoded() throws {
        let config = try decode("""
        [notify]
        bell = false
        osc = "osc777"
        command = ["notify-send", "workerdeck"]

        [prices."openai/gpt-4o-mini"]
        input_per_mtok = 0.15
        output_per_mtok = 1
        """)
        #expect(config.warnings.isEmpty)
        #expect(config.app.notify == NotifySettings(bell: false, osc: .osc777, command: ["notify-send", "workerdeck"]))
        #expect(config.app.prices == ["openai/gpt-4o-mini": TokenPrice(inputPerMTok: 0.15, outputPerMTok: 1)])
    }

    @Test(arguments: [
        ("[notify]\nbell = \"yes\"\n", "notify.bell: must be true or false"),
        ("[notify]\nosc = \"osc52\"\n", #"notify.osc: must be "none", "osc9" or "osc777""#),
        ("[notify]\ncommand = \"notify-send hi\"\n", "notify.command: must be a non-empty list of strings"),
        ("[prices.m]\ninput_per_mtok = 1\n", "prices.\"m\".output_per_mtok: must be a number"),
    ])
    func wrongValuesNameTheKey(text: String, message: String) {
        let error = #expect(throws: ConfigError.self) { _ = try decode(text) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix(DeckConfigTests.file + ":") == true)
    }

    @Test func unknownNotifyKeysWarn() throws {
        let config = try decode("[notify]\nsound = true\n")
        #expect(config.warnings.map(\.description).contains { $0.contains("notify.sound") })
    }
}
