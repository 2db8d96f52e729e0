import CNcursesw
import Foundation

/// The real terminal: the only place ncurses is called.
///
/// Isolation: create, use and close it on one thread (the loop's UI
/// thread); it is deliberately not `Sendable`. `close()` must run before
/// the process exits, or the terminal stays in raw mode.
public final class NcursesTerminal: TerminalSurface {
    public private(set) var size: Size
    public let colors: ColorPairTable
    private var closed = false
    private var cursorVisible = true
    /// The last style `put` resolved: a run of cells mostly shares one.
    private var lastStyle: (style: RoleStyle, attrs: UInt32, pair: Int16)?

    /// Key codes we ask ncurses to report for bracketed paste.
    static let pasteStartCode: Int32 = wd_key_max() + 1
    static let pasteEndCode: Int32 = wd_key_max() + 2

    /// Throws when the terminal type (`TERM`) is unknown to terminfo.
    public init(noColor: Bool, mouse: Bool) throws(ConsoleFailure) {
        wd_setlocale_all()
        wd_ignore_sigwinch() // the loop watches SIGWINCH itself and calls resize()
        wd_set_escdelay(25)
        guard wd_start_screen() == 0 else {
            throw ConsoleFailure("cannot start the console: the terminal type is unknown (check TERM)")
        }
        raw()
        noecho()
        nonl()
        keypad(wd_stdscr(), true)
        nodelay(wd_stdscr(), true)
        _ = define_key("\u{1B}[200~", NcursesTerminal.pasteStartCode)
        _ = define_key("\u{1B}[201~", NcursesTerminal.pasteEndCode)
        var hasColor = false
        if has_colors() {
            start_color()
            use_default_colors()
            hasColor = true
        }
        if mouse {
            _ = mousemask(wd_button4_pressed() | wd_button5_pressed(), nil)
        }
        let depth = ColorDepth(colors: Int(wd_colors()), hasColors: hasColor, noColor: noColor)
        colors = ColorPairTable(depth: depth, maxPairs: Int(wd_color_pairs())) { pair, fg, bg in
            init_pair(pair, fg, bg)
        }
        size = Size(width: Int(wd_cols()), height: Int(wd_lines()))
        // Until the screen has been left once, ncurses 6 takes every cursor
        // move for a low-level terminfo caller and flushes after it: a
        // frame went out in about fifteen write(2)s, each waking the
        // terminal (tmux, sshd) on its own (B12). Leaving and re-entering
        // the screen once, before anything is drawn, makes a frame one write.
        endwin()
        doupdate()
        NcursesTerminal.writeRaw("\u{1B}[?2004h") // bracketed paste on
    }

    deinit { close() }

    /// Restores the terminal. Idempotent.
    public func close() {
        guard !closed else { return }
        closed = true
        NcursesTerminal.writeRaw("\u{1B}[?2004l")
        endwin()
    }

    /// Re-reads the tty size after SIGWINCH and tells ncurses.
    public func resize() -> Size {
        var rows: Int32 = 0, cols: Int32 = 0
        if wd_winsize(&rows, &cols) == 0, rows > 0, cols > 0 {
            resizeterm(rows, cols)
        }
        size = Size(width: Int(wd_cols()), height: Int(wd_lines()))
        return size
    }

    /// Blocks until stdin or `wakeFD` is readable or the timeout passes
    /// (-1: no timeout). Bit 0: input ready; bit 1: wake pipe ready.
    public func waitForInput(wakeFD: Int32, timeoutMilliseconds: Int32) -> Int32 {
        wd_wait(wakeFD, timeoutMilliseconds)
    }

    /// Everything readable right now (never blocks).
    public func readAvailable() -> [RawInput] {
        var out: [RawInput] = []
        var ch: UInt32 = 0
        while out.count < 65_536 {
            let r = wd_get_wch(&ch)
            if r == wd_err() { break }
            if r == wd_key_code_yes() { out.append(.key(NcursesTerminal.rawKey(Int32(ch)))) } else { out.append(.char(ch)) }
        }
        return out
    }

    static func rawKey(_ code: Int32) -> RawKey {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case wd_key_resize(): return .resize
        case pasteStartCode: return .pasteStart
        case pasteEndCode: return .pasteEnd
        case wd_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == wd_ok() else { return .unknown }
            if event.bstate & wd_button4_pressed() != 0 { return .mouseWheelUp }
            if event.bstate & wd_button5_pressed() != 0 { return .mouseWheelDown }
            return .unknown
        default:
            if code >= KEY_F0 && code <= KEY_F0 + 24 { return .function(Int(code - KEY_F0)) }
            return .unknown
        }
    }

    // MARK: TerminalSurface

    public func put(x: Int, y: Int, grapheme: String, width: Int, style: RoleStyle) {
        let (attrs, pair) = resolve(style)
        // setcchar takes one spacing character plus up to four combining
        // ones; longer clusters (long ZWJ sequences) keep their first five.
        // On the stack: one heap array per cell was a cost of every frame.
        let failed = withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: 6) { wchars in
            var n = 0
            for scalar in grapheme.unicodeScalars.prefix(5) {
                wchars[n] = wchar_t(bitPattern: scalar.value)
                n += 1
            }
            wchars[n] = 0
            return wd_put_cell(Int32(y), Int32(x), wchars.baseAddress!, attrs, pair) == -2
        }
        if failed {
            _ = wd_put_cell(Int32(y), Int32(x), [wchar_t(bitPattern: 0xFFFD), 0], attrs, pair)
        }
    }

    private func resolve(_ style: RoleStyle) -> (UInt32, Int16) {
        if let last = lastStyle, last.style == style { return (last.attrs, last.pair) }
        var attrs = wd_attr_normal()
        let a = style.attributes
        if a.contains(.bold) { attrs |= wd_attr_bold() }
        if a.contains(.dim) { attrs |= wd_attr_dim() }
        if a.contains(.italic) { attrs |= wd_attr_italic() }
        if a.contains(.underline) { attrs |= wd_attr_underline() }
        if a.contains(.reverse) { attrs |= wd_attr_reverse() }
        let pair = colors.pair(for: style)
        lastStyle = (style, attrs, pair)
        return (attrs, pair)
    }

    public func setCursor(_ cursor: Frame.Cursor?) {
        if let cursor {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(wd_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
    }

    public func clear() {
        wclear(wd_stdscr())
    }

    public func flush() {
        wnoutrefresh(wd_stdscr())
        doupdate()
    }

    /// OSC 52: asks the terminal to put `text` on the clipboard.
    public func copyToClipboard(_ text: String) {
        let b64 = Data(text.utf8).base64EncodedString()
        NcursesTerminal.writeRaw("\u{1B}]52;c;\(b64)\u{07}")
    }

    /// Writes control bytes straight to the tty (outside ncurses' screen
    /// model). Called after `doupdate`, which has flushed ncurses' output.
    static func writeRaw(_ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
