/// A colour as a theme names it, before it meets a terminal.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own foreground/background (`use_default_colors`).
    case terminalDefault
    /// An xterm palette index 0...255 (0–7 ANSI, 8–15 bright).
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `"default"`, an ANSI name, `bright-<name>`, `"0".."255"` or `#rrggbb`.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" { self = .terminalDefault; return }
        if let i = ThemeColor.ansiNames.firstIndex(of: t) { self = .indexed(i); return }
        if t.hasPrefix("bright-"), let i = ThemeColor.ansiNames.firstIndex(of: String(t.dropFirst(7))) {
            self = .indexed(i + 8); return
        }
        if t == "gray" || t == "grey" { self = .indexed(8); return }
        if let n = Int(t), (0...255).contains(n) { self = .indexed(n); return }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        return nil
    }

    /// The palette index for a terminal with `colors` colours (256, 16 or 8),
    /// or -1 for the terminal default. Truecolour maps to the nearest entry.
    public func index(forColors colors: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let n):
            if colors >= 256 || n < colors { return n }
            return ThemeColor.nearest(rgb: ThemeColor.xtermRGB(n), among: colors)
        case .rgb(let r, let g, let b):
            return ThemeColor.nearest(rgb: (Int(r), Int(g), Int(b)), among: colors)
        }
    }

    static func nearest(rgb: (Int, Int, Int), among colors: Int) -> Int {
        let limit = colors >= 256 ? 256 : (colors >= 16 ? 16 : 8)
        var best = 0, bestDistance = Int.max
        for i in 0..<limit {
            let c = xtermRGB(i)
            let d = (c.0 - rgb.0) * (c.0 - rgb.0) * 3 + (c.1 - rgb.1) * (c.1 - rgb.1) * 4 + (c.2 - rgb.2) * (c.2 - rgb.2) * 2
            if d < bestDistance { bestDistance = d; best = i }
        }
        return best
    }

    /// The standard xterm RGB value of palette entry `n`.
    static func xtermRGB(_ n: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if n < 16 { return base[max(0, n)] }
        if n < 232 {
            let i = n - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        }
        let v = 8 + (n - 232) * 10
        return (v, v, v)
    }
}

/// Text attributes a role may carry.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let italic = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
    public static let reverse = TextAttributes(rawValue: 16)

    static let names: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "italic": .italic, "underline": .underline, "reverse": .reverse,
    ]
}

/// A role's resolved look: colours (after palette lookup) and attributes.
public struct RoleStyle: Hashable, Sendable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var attributes: TextAttributes

    public init(fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault, attributes: TextAttributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    public static let plain = RoleStyle()
}
