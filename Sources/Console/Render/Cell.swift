/// One terminal cell of a `Frame`.
///
/// Invariants: `width` is 1 for a narrow grapheme, 2 for the lead cell of a
/// wide grapheme, and 0 for the continuation cell right of a wide lead (its
/// `grapheme` is empty and it is never written on its own).
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var width: UInt8
    public var role: StyleRole

    public init(grapheme: String, width: UInt8, role: StyleRole) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
    }

    public static func blank(_ role: StyleRole = .text) -> Cell {
        Cell(grapheme: " ", width: 1, role: role)
    }

    public static func continuation(_ role: StyleRole) -> Cell {
        Cell(grapheme: "", width: 0, role: role)
    }

    public var isContinuation: Bool { width == 0 }
}

/// A rectangle in cell coordinates. Width and height are never negative.
public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y
        self.width = max(0, width); self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `n` cells on every side (never negative).
    public func inset(_ n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }
}

/// A terminal size in cells.
public struct Size: Hashable, Sendable {
    public var width: Int, height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
}
