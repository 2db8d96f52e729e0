/// The pure view: state → frame. Draws with theme roles only; the theme
/// contributes its border glyphs; colours are applied by the terminal.
///
/// Invariants: never reads a clock, the registry or the terminal; any size
/// (including 0×0 and 1×1) yields a frame of exactly that size; below
/// `Layout.minimum` the frame says "terminal too small".
public func render(_ state: AppState, size: Size, theme: Theme, cache: TranscriptLayoutCache? = nil,
                   panes: PaneCache? = nil) -> Frame {
    var frame = Frame(size: size)
    let layout = Layout(state, size: size)
    guard !layout.tooSmall else {
        TooSmallView.draw(into: &frame, size: size)
        return frame
    }
    let g = theme.borders
    if state.isObserver { BannerView.draw(into: &frame, rect: layout.banner) }
    if let panes {
        panes.draw(.runtimes, key: RuntimesPane.Key(state, glyphs: g), rect: layout.runtimes, into: &frame) {
            RuntimesPane.draw(state, into: &$0, rect: layout.runtimes, glyphs: g)
        }
        panes.draw(.workers, key: WorkersPane.Key(state, glyphs: g), rect: layout.workers, into: &frame) {
            WorkersPane.draw(state, into: &$0, rect: layout.workers, glyphs: g)
        }
    } else {
        RuntimesPane.draw(state, into: &frame, rect: layout.runtimes, glyphs: g)
        WorkersPane.draw(state, into: &frame, rect: layout.workers, glyphs: g)
    }
    TranscriptPane.draw(state, into: &frame, layout: layout, glyphs: g, cache: cache)
    ComposerPane.draw(state, into: &frame, layout: layout, glyphs: g)
    TranscriptPane.drawIndicator(state, into: &frame, layout: layout)
    FlashLine.draw(state, into: &frame, rect: layout.flashLine)
    ActionBar.draw(state, into: &frame, rect: layout.actionBar, panes: panes)
    OverlayView.draw(state, into: &frame, size: size, glyphs: g)
    return frame
}

enum TooSmallView {
    static func draw(into frame: inout Frame, size: Size) {
        guard size.width > 0, size.height > 0 else { return }
        let lines = ["terminal too small", "need \(Layout.minimum.width)×\(Layout.minimum.height), have \(size.width)×\(size.height)"]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < size.height {
            let t = Truncation.truncate(l, toWidth: size.width)
            frame.put(t, x: max(0, (size.width - DisplayWidth.of(t)) / 2), y: top + i, role: "too_small")
        }
    }
}

enum BannerView {
    static func draw(into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty else { return }
        frame.fill(rect, role: "banner")
        let msg = "read-only observer: another console owns this workspace (:takeover to take it over)"
        frame.put(Truncation.truncate(msg, toWidth: rect.width - 1), x: rect.x + 1, y: rect.y, role: "banner")
    }
}

enum ActionBar {
    static func draw(_ state: AppState, into frame: inout Frame, rect: Rect, panes: PaneCache? = nil) {
        guard !rect.isEmpty else { return }
        frame.fill(rect, role: "actionbar")
        if case .command(let text) = state.overlay {
            let shown = Truncation.prefix(String(text.reversed()), fitting: max(0, rect.width - 3)).text
            let x = frame.put(":" + String(shown.reversed()), x: rect.x + 1, y: rect.y, role: "overlay.input")
            frame.cursor = Frame.Cursor(x: min(x, rect.maxX - 1), y: rect.y)
            return
        }
        var x = rect.x + 1
        let contexts = state.activeContexts
        let entries = panes?.barEntries(contexts, keymap: state.keymap) ?? KeyHelp.barEntries(contexts, keymap: state.keymap)
        for item in KeyHelp.actionBar(state, entries: entries) {
            let need = DisplayWidth.of(item.keys) + 1 + DisplayWidth.of(item.help) + 2
            if x + need > rect.maxX { break }
            let disabled = item.disabledReason != nil
            x = frame.put(item.keys, x: x, y: rect.y, role: disabled ? "actionbar.disabled" : "actionbar.key")
            x = frame.put(" " + item.help + "  ", x: x, y: rect.y, role: disabled ? "actionbar.disabled" : "actionbar")
        }
    }
}

enum FlashLine {
    /// The newest message, from the left. One that does not fit keeps its
    /// start (messages put the reason and the fix first) and ends with
    /// "… m" (`m` or `:messages` shows it whole).
    static func draw(_ state: AppState, into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty, let flash = state.flash else { return }
        // No mark before the text: every column goes to the message (the
        // role tells errors apart; the mono theme draws them reversed).
        let role: StyleRole = flash.level == .error ? "flash.error" : "flash.info"
        let room = rect.width - 1
        var text = flash.message
        if DisplayWidth.of(text) > room {
            text = Truncation.prefix(text, fitting: max(0, room - 4)).text + " … m"
        }
        frame.put(text, x: rect.x + 1, y: rect.y, role: role, clip: rect)
    }
}
