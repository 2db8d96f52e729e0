/// The ncurses calls the renderer makes, as a protocol so a recording fake
/// can check what is written.
///
/// Isolation: implementations are confined to the UI thread that created
/// them (not `Sendable`). Call order per frame: any number of `put`, then
/// `setCursor`, then exactly one `flush` (`doupdate`).
public protocol TerminalSurface: AnyObject {
    /// Writes one grapheme at (x, y). `width` is 1 or 2.
    func put(x: Int, y: Int, grapheme: String, width: Int, style: RoleStyle)
    /// Shows the cursor at a position, or hides it.
    func setCursor(_ cursor: Frame.Cursor?)
    /// Forgets what is on screen (next frame repaints everything).
    func clear()
    /// Pushes the frame to the terminal in one update.
    func flush()
}

/// Draws frames on a surface, writing only cells that changed since the
/// previous frame. Not `Sendable`: lives on the UI thread.
///
/// Invariants: after `present(f)` the surface shows exactly `f`; cells equal
/// to the previous frame are not written; a size change, `invalidate()` or
/// a theme change repaints every cell.
public final class FrameRenderer {
    private let surface: TerminalSurface
    private var previous: Frame?
    private var lastCursor: Frame.Cursor??
    public private(set) var theme: Theme
    /// Each role's resolved style (the fallback walk done once per theme).
    private var styles: [StyleRole: RoleStyle] = [:]

    public init(surface: TerminalSurface, theme: Theme) {
        self.surface = surface
        self.theme = theme
    }

    public func setTheme(_ theme: Theme) {
        self.theme = theme
        styles = [:]
        lastRole = nil
        invalidate()
    }

    /// Forces the next `present` to repaint fully (resize, theme change).
    public func invalidate() {
        previous = nil
        lastCursor = nil
        surface.clear()
    }

    /// The role `style(for:)` resolved last: a run of cells mostly shares one.
    private var lastRole: (role: StyleRole, style: RoleStyle)?

    private func style(for role: StyleRole) -> RoleStyle {
        if let last = lastRole, last.role == role { return last.style }
        let style = resolvedStyle(for: role)
        lastRole = (role, style)
        return style
    }

    private func resolvedStyle(for role: StyleRole) -> RoleStyle {
        if let known = styles[role] { return known }
        let resolved = theme.style(for: role)
        styles[role] = resolved
        return resolved
    }

    /// Writes the changed cells and the cursor, then flushes once.
    /// Returns the number of cells written.
    @discardableResult
    public func present(_ frame: Frame) -> Int {
        var written = 0
        for run in frame.diff(from: previous) {
            var x = run.x
            for cell in run.cells {
                if !cell.isContinuation {
                    surface.put(x: x, y: run.y, grapheme: cell.grapheme, width: Int(cell.width), style: style(for: cell.role))
                    written += 1
                }
                x += 1
            }
        }
        if lastCursor != .some(frame.cursor) || written > 0 {
            surface.setCursor(frame.cursor)
            lastCursor = .some(frame.cursor)
        }
        surface.flush()
        previous = frame
        return written
    }
}
