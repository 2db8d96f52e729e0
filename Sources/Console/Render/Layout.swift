/// Where each pane goes for a terminal size. Pure; shared by `render` and
/// the reducer (page sizes).
///
/// Invariants: all rects lie inside the screen and do not overlap;
/// `tooSmall` is set below 60×15 and then every other rect is empty.
public struct Layout: Hashable, Sendable {
    public static let minimum = Size(width: 60, height: 15)

    public var tooSmall = false
    public var banner = Rect(x: 0, y: 0, width: 0, height: 0)
    public var runtimes = Rect(x: 0, y: 0, width: 0, height: 0)
    public var workers = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The right column's box: transcript, divider and composer.
    public var right = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Transcript body rows (inside the box).
    public var transcriptBody = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The divider row between transcript and composer.
    public var dividerY = 0
    public var composerBody = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The one flash line (errors and notices), just above the action bar:
    /// its own row, so a message never covers the composer.
    public var flashLine = Rect(x: 0, y: 0, width: 0, height: 0)
    public var actionBar = Rect(x: 0, y: 0, width: 0, height: 0)

    public init(size: Size, runtimeCount: Int, composerLines: Int, banner: Bool) {
        guard size.width >= Layout.minimum.width, size.height >= Layout.minimum.height else {
            tooSmall = true
            return
        }
        var top = 0
        if banner {
            self.banner = Rect(x: 0, y: 0, width: size.width, height: 1)
            top = 1
        }
        actionBar = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        flashLine = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
        let contentHeight = size.height - 2 - top
        let leftWidth = max(24, min(40, size.width / 3))
        let runtimesHeight = min(max(3, runtimeCount + 3), max(4, contentHeight / 3))
        runtimes = Rect(x: 0, y: top, width: leftWidth, height: runtimesHeight)
        workers = Rect(x: 0, y: top + runtimesHeight, width: leftWidth, height: contentHeight - runtimesHeight)
        right = Rect(x: leftWidth, y: top, width: size.width - leftWidth, height: contentHeight)
        let lines = max(1, min(8, composerLines, contentHeight - 6))
        composerBody = Rect(x: right.x + 1, y: right.maxY - 1 - lines, width: right.width - 2, height: lines)
        dividerY = composerBody.y - 1
        transcriptBody = Rect(x: right.x + 1, y: top + 1, width: right.width - 2, height: dividerY - top - 1)
    }

    public init(_ state: AppState, size: Size) {
        self.init(size: size, runtimeCount: state.runtimes.count,
                  composerLines: state.openWorker.flatMap { state.composers[$0]?.visibleLines } ?? 1,
                  banner: state.isObserver)
    }
}
