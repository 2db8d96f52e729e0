import Testing
@testable import Console

/// Cells are plain integers: a grapheme is its scalar or an interned
/// cluster, a role an interned name. These pin what that must preserve.
@Suite struct CellTests {
    @Test func graphemesRoundTrip() {
        for g in ["a", " ", "本", "🙂", "é", "e\u{301}", "👨‍👩‍👧", "🇯🇵"] {
            #expect(Cell(grapheme: g, width: 1, role: .text).grapheme == g)
        }
        #expect(Cell.continuation(.text).grapheme == "")
    }

    @Test func equalGraphemesAndRolesMakeEqualCells() {
        #expect(Cell(grapheme: "e\u{301}", width: 1, role: "status.busy") == Cell(grapheme: "e\u{301}", width: 1, role: StyleRole("status." + "busy")))
        #expect(Cell(grapheme: "e\u{301}", width: 1, role: .text) != Cell(grapheme: "e", width: 1, role: .text))
        #expect(StyleRole("border.focused").name == "border.focused")
        #expect(StyleRole.text.name == "text")
    }

    /// Untrusted text cannot grow the tables without bound: past the cap a
    /// cluster keeps its first scalar and a role falls back to `text`.
    @Test func fullTablesDegradeInsteadOfGrowing() {
        let table = InternTable(capacity: 2, seed: ["text"])
        #expect(table.id(for: "text") == 0)
        #expect(table.id(for: "a") == 1)
        #expect(table.id(for: "b") == nil)
        #expect(table.id(for: "a") == 1)
        #expect(table.name(of: 1) == "a")
        #expect(table.name(of: 7) == "")
    }
}

@Suite struct DiagnosticsOverlayTests {
    /// A long head (kind, severity, scope, code) wraps instead of losing its code.
    @Test func longHeadsWrapWhole() {
        let d = DiagnosticRow(code: "legacy_data_missing", severity: "warning",
                              message: "no legacy data directory was found", implementationKind: "local_compatibility")
        let lines = OverlayView.lines(d, scope: "Local compatibility (legacy local workers)", width: 40)
        let text = lines.map(\.text).joined(separator: "\n")
        #expect(text.contains("legacy_data_missing"))
        #expect(lines.allSatisfy { $0.width <= 40 })
    }
}
