/// One terminal cell of a `Frame`: a plain value of integers, so a frame of
/// 12,000 cells is made, compared and dropped without reference counting.
///
/// Invariants: `width` is 1 for a narrow grapheme, 2 for the lead cell of a
/// wide grapheme, and 0 for the continuation cell right of a wide lead (its
/// grapheme is empty and it is never written on its own). `code` is the
/// grapheme's one Unicode scalar, or `clusterBase + id` for a grapheme of
/// several scalars (interned, see `Cell.clusters`).
public struct Cell: Hashable, Sendable {
    public var code: UInt32
    public var width: UInt8
    public var role: StyleRole

    static let clusterBase: UInt32 = 0x11_0000
    /// Graphemes of more than one scalar. Capped: past it, a cluster keeps
    /// its first scalar (the terminal draws at most five scalars anyway).
    static let clusters = InternTable(capacity: 1 << 16)

    public init(grapheme: String, width: UInt8, role: StyleRole) {
        self.init(code: Self.code(for: grapheme), width: width, role: role)
    }

    init(code: UInt32, width: UInt8, role: StyleRole) {
        self.code = code
        self.width = width
        self.role = role
    }

    /// The code of a grapheme: its scalar, or an interned cluster id.
    static func code<S: StringProtocol>(for grapheme: S) -> UInt32 {
        code(grapheme.unicodeScalars) { String(grapheme) }
    }

    /// The same for one `Character`, without making a `String` of it when
    /// it is a single scalar (the common case, on the render path).
    static func code(for grapheme: Character) -> UInt32 {
        code(grapheme.unicodeScalars) { String(grapheme) }
    }

    private static func code<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars, text: () -> String) -> UInt32 {
        guard let first = scalars.first else { return 0 }
        if scalars.index(after: scalars.startIndex) == scalars.endIndex { return first.value }
        return clusters.id(for: text()).map { clusterBase + $0 } ?? first.value
    }

    /// The grapheme as text ("" for a continuation).
    public var grapheme: String {
        if width == 0 { return "" }
        if code >= Self.clusterBase { return Self.clusters.name(of: code - Self.clusterBase) }
        return Unicode.Scalar(code).map { String($0) } ?? " "
    }

    public static func blank(_ role: StyleRole = .text) -> Cell {
        Cell(code: 0x20, width: 1, role: role)
    }

    public static func continuation(_ role: StyleRole) -> Cell {
        Cell(code: 0, width: 0, role: role)
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
