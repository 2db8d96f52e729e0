import Foundation
import Testing
@testable import Registry

@Suite struct LocalCompatTextTests {
    @Test func workerIdIsSlugPlusDigestPrefix() {
        // sha256("api") = 14c2529eb4498c5d…
        #expect(LegacyWorkerIdentity.workerId(forName: "api").rawValue == "local-api-14c2529eb4498c5d")
        // sha256("Research Bot") = e26a3db556dd39de…
        #expect(LegacyWorkerIdentity.workerId(forName: "Research Bot").rawValue == "local-research-bot-e26a3db556dd39de")
    }

    @Test func workerIdStaysWithin120CharactersOfSafeText() {
        let id = LegacyWorkerIdentity.workerId(forName: String(repeating: "Ünïcode/\\ name ", count: 40)).rawValue
        #expect(id.count == 120)
        #expect(id.hasPrefix("local-"))
        #expect(id.unicodeScalars.allSatisfy { "abcdefghijklmnopqrstuvwxyz0123456789_-".unicodeScalars.contains($0) })
    }

    @Test func namesThatSlugAlikeGetDifferentIds() {
        #expect(LegacyWorkerIdentity.workerId(forName: "A b") != LegacyWorkerIdentity.workerId(forName: "a-b"))
    }

    @Test func hintDropsControlFormatAndSlashes() {
        #expect(LegacyText.hint("\u{1B}[31mre\u{202E}d/team\\x\u{200B}") == "[31mredteamx")
        #expect(LegacyText.hint("  \u{7}  ") == nil)
        #expect(LegacyText.hint("") == nil)
        #expect(LegacyText.hint(String(repeating: "é", count: 100))?.count == 80)
    }

    @Test func entryContentIsCappedAt64KiBWithMarker() {
        let long = String(repeating: "ä", count: 40_000) // 80,000 bytes
        let capped = LegacyText.capped(long)
        #expect(capped.hasSuffix(LegacyText.truncationMarker))
        #expect(capped.dropLast(LegacyText.truncationMarker.count).utf8.count == 65_536)
        #expect(LegacyText.capped("short") == "short")
    }

    @Test func oneLineCollapsesWhiteSpaceAndCaps() {
        #expect(LegacyText.oneLine("a\n\n  b\tc\u{1B}") == "a b c")
        let cut = LegacyText.oneLine(String(repeating: "x", count: 1_000))
        #expect(cut.count == LegacyText.maxNoticeLength)
        #expect(cut.hasSuffix("…"))
    }
}
