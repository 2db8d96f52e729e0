/// A full screen of cells plus the cursor: the pure output of `render`.
///
/// Invariants: `cells.count == size.width * size.height`; a wide grapheme
/// occupies its lead cell and a continuation cell on the same row, never
/// across the right edge; writes outside the frame (or outside the clip
/// passed to `put`) are dropped.
public struct Frame: Hashable, Sendable {
    public struct Cursor: Hashable, Sendable {
        public var x: Int, y: Int
        public init(x: Int, y: Int) { self.x = x; self.y = y }
    }

    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor sits; `nil` hides it.
    public var cursor: Cursor?

    public init(size: Size, fill: Cell = .blank()) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Fills `rect` (clipped to the frame) with blanks of `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole, grapheme: String = " ") {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(code: Cell.code(for: grapheme), width: 1, role: role)
        for y in y0..<y1 { for x in x0..<x1 { cells[y * size.width + x] = cell } }
    }

    /// Writes already-sanitised single-line `text` at (x, y), clipped to
    /// `clip` and the frame. Returns the column after the last written cell.
    @discardableResult
    public mutating func put<S: StringProtocol>(_ text: S, x: Int, y: Int, role: StyleRole, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= max(0, area.y), y < min(size.height, area.maxY) else { return x }
        let minX = max(0, area.x), maxX = min(size.width, area.maxX)
        var col = x
        // Fast path: printable ASCII is one cell per byte, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                if col + 1 > maxX { break }
                if col >= minX { setCell(x: col, y: y, code: UInt32(byte), width: 1, role: role) }
                col += 1
            }
            return col
        }
        // Borders, spinners, arrows and Latin text: every scalar is its own
        // grapheme, so its width is looked up without grapheme breaking.
        if text.unicodeScalars.allSatisfy({ Self.standsAlone($0.value) }) {
            for scalar in text.unicodeScalars {
                let w = DisplayWidth.of(scalar)
                if w == 0 { continue }
                if col + w > maxX { break }
                if col >= minX { setCell(x: col, y: y, code: scalar.value, width: w, role: role) }
                col += w
            }
            return col
        }
        for c in text {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if col + w > maxX { break }
            if col >= minX { setCell(x: col, y: y, code: Cell.code(for: c), width: w, role: role) }
            col += w
        }
        return col
    }

    /// Scalars that never join a neighbour into one grapheme cluster (no
    /// combining marks, joiners, variation selectors, regional indicators,
    /// Hangul jamo or prepend marks in these ranges): printable Latin,
    /// general punctuation up to U+2027, arrows, box drawing, block
    /// elements, geometric shapes and Braille.
    static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20..<0x7F, 0xA0..<0x300, 0x2010..<0x2028, 0x2190..<0x2200, 0x2500..<0x2600, 0x2800..<0x2900: return true
        default: return false
        }
    }

    /// Replaces cells in place, index for index (`PaneCache`).
    mutating func replaceCells(_ range: Range<Int>, with saved: ArraySlice<Cell>) {
        cells.replaceSubrange(range, with: saved)
    }

    /// Sets the role of existing cells without changing their text.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let x0 = max(0, rect.x), x1 = min(size.width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(size.height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { cells[y * size.width + x].role = role } }
    }

    private mutating func setCell(x: Int, y: Int, code: UInt32, width: Int, role: StyleRole) {
        let i = y * size.width + x
        // Overwriting half of a wide grapheme blanks the other half.
        if cells[i].isContinuation, x > 0 { cells[i - 1] = .blank(cells[i - 1].role) }
        if cells[i].width == 2, x + 1 < size.width { cells[i + 1] = .blank(cells[i + 1].role) }
        cells[i] = Cell(code: code, width: UInt8(width), role: role)
        if width == 2 {
            if x + 2 < size.width, cells[i + 1].width == 2 { cells[i + 2] = .blank(cells[i + 2].role) }
            cells[i + 1] = .continuation(role)
        }
    }

    /// The frame as plain text, one line per row, wide continuations omitted.
    public var text: String {
        var lines: [String] = []
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line += self[x, y].grapheme }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
