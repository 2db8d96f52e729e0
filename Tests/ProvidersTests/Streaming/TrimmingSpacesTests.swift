import Foundation
import Testing
@testable import Providers

/// The chunk trimming done per delta trims exactly what Foundation's
/// `.whitespaces` does: spaces, tabs and every Unicode space separator at
/// either end, never a newline or anything inside.
@Suite struct TrimmingSpacesTests {
    static let samples = [
        "", " ", "\t \u{00A0}\u{2003}", "[DONE]", "  [DONE]\t", "{\"a\": 1}",
        " \u{3000}{\"a\": \" x \"}\u{202F} ", "\n{}\n", " \r\n {} \n ", "a b", "\u{FEFF}{}",
        "é\u{0301} ", " \u{1F600}", "\u{2028}x\u{2029}", "{\"x\": 1}\u{00A0}", "\u{2003}[DONE]", "x", "\t", "a\t",
    ]

    @Test(arguments: samples)
    func trimsWhatFoundationTrims(_ text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }
}
