/// A resolved theme: every role defined in it or its ancestors, colours
/// already looked up in the palette.
///
/// Invariants: `style(for:)` always answers (dotted fallback
/// `status.busy` → `status` → `text`, then plain); `mono` themes carry no
/// colours, only attributes.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var roles: [String: RoleStyle]
    /// Box-drawing glyphs: `rounded`, `square` or `ascii`.
    public var borders: BorderGlyphs

    public init(name: String, roles: [String: RoleStyle], borders: BorderGlyphs = .square) {
        self.name = name; self.roles = roles; self.borders = borders
    }

    public func style(for role: StyleRole) -> RoleStyle {
        for name in role.fallbackChain { if let s = roles[name] { return s } }
        return .plain
    }

    /// The same theme with every colour removed (for `NO_COLOR` and
    /// terminals without colour); reverse/bold keep selections visible.
    public var monochrome: Theme {
        var copy = self
        copy.roles = roles.mapValues { RoleStyle(attributes: $0.attributes) }
        return copy
    }

    /// Built in, used when no theme file can be read.
    public static let fallback = Theme(name: "builtin", roles: [
        "text": .plain,
        "border.focused": RoleStyle(attributes: .bold),
        "list.selected": RoleStyle(attributes: .reverse),
        "muted": RoleStyle(attributes: .dim),
        "flash.error": RoleStyle(attributes: .bold),
        "overlay.field.focused": RoleStyle(attributes: .reverse),
    ])
}

public struct BorderGlyphs: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight, teeLeft, teeRight: String

    public static let square = BorderGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                            bottomLeft: "└", bottomRight: "┘", teeLeft: "├", teeRight: "┤")
    public static let rounded = BorderGlyphs(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮",
                                             bottomLeft: "╰", bottomRight: "╯", teeLeft: "├", teeRight: "┤")
    public static let ascii = BorderGlyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                           bottomLeft: "+", bottomRight: "+", teeLeft: "+", teeRight: "+")

    static func named(_ name: String) -> BorderGlyphs? {
        ["square": .square, "rounded": .rounded, "ascii": .ascii][name]
    }
}
