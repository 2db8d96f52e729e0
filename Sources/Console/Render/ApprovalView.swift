/// The approval review: what the pending call would do (tool, call id,
/// arguments; an edit's or write's diff coloured; bash's command and
/// directory), scrollable, with the answer keys at the bottom. Everything
/// in it was sanitised on the way into the state.
enum ApprovalView {
    static func draw(_ state: AppState, review: ApprovalReview, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let name = state.worker(review.worker)?.displayName ?? review.worker.workerId
        let body = OverlayView.panel(&frame, size: size, width: 100, height: size.height - 2,
                                     title: "Review — \(name) needs you", glyphs: glyphs)
        guard !body.isEmpty else { return }
        let footer = review.denyMessage == nil ? 1 : 2
        let rows = lines(review, width: body.width, offsetSeconds: state.clockOffsetSeconds)
        let visible = max(0, body.height - footer - 1)
        let first = min(review.scroll, max(0, rows.count - visible))
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            row.draw(into: &frame, x: body.x, y: body.y + i, clip: body)
        }
        if first + visible < rows.count {
            frame.putRight(" ↓ \(rows.count - first - visible) more ", maxX: body.maxX, y: body.y + visible, role: "overlay.disabled",
                           clip: body)
        }
        if let message = review.denyMessage {
            let y = body.maxY - 2
            let x = frame.put("message: ", x: body.x, y: y, role: "overlay.section", clip: body)
            let room = max(1, body.maxX - x - 1)
            let shown = DisplayWidth.of(message) > room ? "…" + Truncation.suffix(message, width: room - 1) : Substring(message)
            let end = frame.put(String(shown), x: x, y: y, role: "overlay.field.focused", clip: body)
            frame.cursor = Frame.Cursor(x: min(end, body.maxX - 1), y: y)
            frame.put(Truncation.truncate("Enter deny with this message · Esc back to the review", toWidth: body.width),
                      x: body.x, y: body.maxY - 1, role: "overlay.key", clip: body)
        } else {
            frame.put(Truncation.truncate(keysLine(state), toWidth: body.width), x: body.x, y: body.maxY - 1,
                      role: "overlay.key", clip: body)
        }
    }

    /// `y allow once · A always · n deny · m deny with message · Esc close`,
    /// from the keymap (rebindable).
    static func keysLine(_ state: AppState) -> String {
        BindingTable.review.compactMap { b in
            guard let label = b.barLabel, let key = state.keymap.keys(for: b).first else { return nil }
            return key.shortName + " " + label
        }.joined(separator: " · ")
    }

    static func lines(_ review: ApprovalReview, width: Int, offsetSeconds: Int) -> [StyledLine] {
        guard let call = review.approval else { return [StyledLine("loading the pending call…", "overlay.disabled")] }
        func field(_ label: String, _ value: String) -> [StyledLine] {
            MonoBlock.chunks(Substring(value), width: max(1, width - 11)).enumerated().map { i, piece in
                StyledLine([Span((i == 0 ? label : "").padding(toLength: 11, withPad: " ", startingAt: 0), "overlay.section"),
                            Span(piece, "overlay")])
            }
        }
        var out = field("tool", call.tool)
        let when = call.requestedAt.map { " · requested " + TranscriptLayout.clock($0, offsetSeconds: offsetSeconds) } ?? ""
        out += field("call", Sanitiser.cleanLine(call.callId) + when)
        if let directory = call.directory { out += field("directory", directory) }
        if let command = call.command {
            out.append(StyledLine("command", "overlay.section"))
            out += MonoBlock.lines(command, width: width, role: "transcript.output")
        }
        if let diff = call.diff {
            out.append(StyledLine("diff (what the call would change)", "overlay.section"))
            out += diff.isEmpty ? [StyledLine("(no change)", "overlay.disabled")] : MonoBlock.diff(diff, width: width, base: "overlay")
        }
        out.append(StyledLine("arguments", "overlay.section"))
        out += MonoBlock.lines(call.arguments, width: width, role: "overlay")
        return out
    }
}
