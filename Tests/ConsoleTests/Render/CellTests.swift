import Dispatch
import Registry
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

    /// The tables are process-wide and filled from any thread (two tests
    /// rendering at once, the CLI's plain output): threads interning the
    /// same names at the same time agree on one id per name, and ids stay
    /// dense. Under `make tsan` this is also the contention that made
    /// ThreadSanitizer report a race while the table sat behind
    /// `Synchronization.Mutex` (see `PthreadMutex`).
    @Test func concurrentInterningAgreesOnOneIdPerName() {
        let table = InternTable(capacity: 1 << 10, seed: ["text"])
        let names = (0..<300).map { "role.\($0)" }
        let threads = 8
        let seen = PthreadMutex([[UInt32?]](repeating: [], count: threads))
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            var ids: [UInt32?] = []
            for round in 0..<10 {
                for i in names.indices { ids.append(table.id(for: names[(i * (t + 1) + round) % names.count])) }
            }
            seen.withLock { $0[t] = ids }
        }
        var byName: [String: Set<UInt32?>] = [:]
        for (t, ids) in seen.withLock({ $0 }).enumerated() {
            #expect(ids.count == 10 * names.count)
            for (k, id) in ids.enumerated() {
                byName[names[((k % names.count) * (t + 1) + k / names.count) % names.count], default: []].insert(id)
            }
        }
        #expect(byName.count == names.count)
        #expect(byName.values.allSatisfy { $0.count == 1 && $0.first! != nil })
        let all = Set(byName.values.compactMap { $0.first! })
        #expect(all == Set(1...UInt32(names.count)))
        for (name, ids) in byName { #expect(table.name(of: ids.first!!) == name) }
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
