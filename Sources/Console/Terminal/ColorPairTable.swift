/// The terminal's colour capability, from `COLORS` and `NO_COLOR`.
public enum ColorDepth: Hashable, Sendable {
    case mono, c8, c16, c256

    public init(colors: Int, hasColors: Bool, noColor: Bool) {
        if noColor || !hasColors || colors < 8 { self = .mono }
        else if colors >= 256 { self = .c256 }
        else if colors >= 16 { self = .c16 }
        else { self = .c8 }
    }

    var count: Int {
        switch self { case .mono: return 0; case .c8: return 8; case .c16: return 16; case .c256: return 256 }
    }
}

/// Caches colour pairs: each distinct (fg, bg) after fallback to the
/// terminal's depth gets one pair number, allocated on first use.
/// `allocate` is the `init_pair` call; pair 0 is the terminal default.
/// Not `Sendable`: lives on the UI thread.
public final class ColorPairTable {
    public let depth: ColorDepth
    private let maxPairs: Int
    private let allocate: (Int16, Int16, Int16) -> Void
    private var pairs: [PairKey: Int16] = [:]

    struct PairKey: Hashable { var fg: Int16; var bg: Int16 }

    public init(depth: ColorDepth, maxPairs: Int, allocate: @escaping (Int16, Int16, Int16) -> Void) {
        self.depth = depth
        self.maxPairs = maxPairs
        self.allocate = allocate
    }

    /// The pair for a style (0 in mono or when pairs run out).
    public func pair(for style: RoleStyle) -> Int16 {
        guard depth != .mono else { return 0 }
        let key = PairKey(fg: Int16(style.fg.index(forColors: depth.count)), bg: Int16(style.bg.index(forColors: depth.count)))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        let next = Int16(pairs.count + 1)
        guard Int(next) < maxPairs else { return 0 }
        allocate(next, key.fg, key.bg)
        pairs[key] = next
        return next
    }

    public var allocatedCount: Int { pairs.count }
}
