import Testing
import TestSupport
@testable import Console

/// `Frame.put` skips grapheme breaking for text whose scalars each stand
/// alone (borders, spinners, arrows, Latin). These pin that the shortcut
/// draws exactly what breaking the text into graphemes draws.
@Suite struct FramePutTests {
    /// Every scalar the shortcut accepts.
    static let standalone: [Unicode.Scalar] = (0...0x2FFF).compactMap { v in
        Frame.standsAlone(UInt32(v)) ? Unicode.Scalar(UInt32(v)) : nil
    }

    /// The claim the shortcut rests on: two such scalars side by side are
    /// two graphemes, whatever they are. Every accepted scalar is paired
    /// with a spread of the others (every 13th, and every range's ends).
    @Test func acceptedScalarsNeverJoinEachOther() {
        let all = Self.standalone
        var partners = stride(from: 0, to: all.count, by: 13).map { all[$0] }
        partners += all.indices.filter { $0 == 0 || $0 == all.count - 1 || all[$0].value != all[$0 - 1].value + 1
            || all[$0].value + 1 != all[$0 + 1].value }.map { all[$0] }
        #expect(all.count > 1_000)
        for a in all {
            for b in partners {
                var pair = String.UnicodeScalarView()
                pair.append(a)
                pair.append(b)
                #expect(String(pair).count == 2, "U+\(String(a.value, radix: 16)) U+\(String(b.value, radix: 16))")
            }
        }
    }

    /// Combining marks, joiners, variation selectors and regional
    /// indicators are not accepted: they change how neighbours group.
    @Test func joiningScalarsAreNotAccepted() {
        for v: UInt32 in [0x0301, 0x200D, 0x200C, 0xFE0F, 0x1F1EF, 0x1F3FB, 0x1100, 0x0600, 0x0A, 0x0D, 0x1B, 0x7F] {
            #expect(!Frame.standsAlone(v), "U+\(String(v, radix: 16))")
        }
    }

    /// What `put` drew before the shortcut, built cell by cell: one cell
    /// per grapheme, by the grapheme's width, clipped the same way.
    private static func reference(_ text: String, x: Int, width: Int, clip: Rect?) -> (cells: [Cell], end: Int) {
        var cells = Array(repeating: Cell.blank(), count: width)
        let area = clip ?? Rect(x: 0, y: 0, width: width, height: 1)
        let minX = max(0, area.x), maxX = min(width, area.maxX)
        var col = x
        for c in text {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if col + w > maxX { break }
            if col >= minX {
                cells[col] = Cell(code: Cell.code(for: c), width: UInt8(w), role: "r")
                if w == 2 { cells[col + 1] = .continuation("r") }
            }
            col += w
        }
        return (cells, col)
    }

    @Test func shortcutDrawsWhatGraphemesDraw() {
        var rng = SplitMix64(seed: 0x5EED)
        let extras: [Unicode.Scalar] = ["本", "🙂", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{25FD}", "\u{231A}"]
        for round in 0..<400 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 24) {
                // Mostly accepted scalars; now and then one that is not, so
                // both paths are compared on text that looks alike.
                if round % 3 == 0, rng.next() % 8 == 0 {
                    scalars.append(extras[Int(rng.next() % UInt64(extras.count))])
                } else {
                    scalars.append(Self.standalone[Int(rng.next() % UInt64(Self.standalone.count))])
                }
            }
            let text = String(scalars)
            let x = Int(rng.next() % 6) - 2
            let clip: Rect? = rng.next() % 2 == 0 ? nil : Rect(x: 3, y: 0, width: 9, height: 1)
            var frame = Frame(size: Size(width: 20, height: 1))
            let end = frame.put(text, x: x, y: 0, role: "r", clip: clip)
            let expected = Self.reference(text, x: x, width: 20, clip: clip)
            let codes = Array(text.unicodeScalars).map { String($0.value, radix: 16) }
            #expect(frame.cells == expected.cells, "\(codes)")
            #expect(end == expected.end, "\(codes)")
        }
    }
}
