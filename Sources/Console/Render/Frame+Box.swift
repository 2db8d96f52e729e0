extension Frame {
    /// Draws a border around `rect` with an optional title in the top edge.
    /// Rects smaller than 2×2 draw nothing.
    public mutating func box(_ rect: Rect, title: String?, role: StyleRole, glyphs: BorderGlyphs,
                             titleRole: StyleRole = "title") {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let h = String(repeating: glyphs.horizontal, count: rect.width - 2)
        put(glyphs.topLeft + h + glyphs.topRight, x: rect.x, y: rect.y, role: role)
        put(glyphs.bottomLeft + h + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: role)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(glyphs.vertical, x: rect.x, y: y, role: role)
            put(glyphs.vertical, x: rect.maxX - 1, y: y, role: role)
        }
        if let title, rect.width > 4 {
            let t = Truncation.truncate(" " + title + " ", toWidth: rect.width - 3)
            put(t, x: rect.x + 1, y: rect.y, role: titleRole)
        }
    }

    /// A horizontal divider across a box at row `y` (`├ title ──┤`).
    public mutating func divider(_ rect: Rect, y: Int, title: String?, role: StyleRole, glyphs: BorderGlyphs,
                                 titleRole: StyleRole = "title") {
        guard rect.width >= 2 else { return }
        put(glyphs.teeLeft + String(repeating: glyphs.horizontal, count: rect.width - 2) + glyphs.teeRight,
            x: rect.x, y: y, role: role)
        if let title, rect.width > 4 {
            put(Truncation.truncate(" " + title + " ", toWidth: rect.width - 3), x: rect.x + 1, y: y, role: titleRole)
        }
    }

    /// Writes `text` right-aligned so it ends at `maxX` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, maxX: Int, y: Int, role: StyleRole, clip: Rect? = nil) -> Int {
        let x = maxX - DisplayWidth.of(text)
        put(text, x: x, y: y, role: role, clip: clip)
        return x
    }
}
