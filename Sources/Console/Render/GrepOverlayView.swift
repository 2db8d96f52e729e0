import Foundation

/// The `:grep` results: a header, then each worker (name · runtime ·
/// count) with its matches under it (`#entry role  snippet`, one line
/// each), the selected match highlighted and kept in view. Snippets were
/// sanitised on the way into the state.
enum GrepOverlayView {
    static func draw(_ state: AppState, view: GrepView, into frame: inout Frame, size: Size, glyphs: BorderGlyphs) {
        let body = OverlayView.panel(&frame, size: size, width: 120, height: size.height - 2,
                                     title: "Search — " + Truncation.truncate(view.query, toWidth: 60), glyphs: glyphs)
        guard !body.isEmpty else { return }
        let footerY = body.maxY - 1
        frame.put(Truncation.truncate(keysLine(state), toWidth: body.width), x: body.x, y: footerY, role: "overlay.key", clip: body)
        guard let matches = view.matches else {
            frame.put("searching every worker…", x: body.x, y: body.y, role: "overlay.disabled", clip: body)
            return
        }
        let workers = Set(matches.map(\.key)).count
        let header = matches.isEmpty ? "no match in any worker"
            : "\(matches.count) match\(matches.count == 1 ? "" : "es") in \(workers) worker\(workers == 1 ? "" : "s") · newest first"
        frame.put(Truncation.truncate(header, toWidth: body.width), x: body.x, y: body.y, role: "overlay.section", clip: body)
        let rows = lines(state, matches, width: body.width)
        let height = max(0, body.height - 3)
        guard height > 0 else { return }
        // From the top until the selected match would fall below the view;
        // then it is the last line shown.
        let selectedRow = rows.firstIndex { $0.match == view.cursor } ?? 0
        let first = max(0, selectedRow - height + 1)
        for (offset, row) in rows.dropFirst(first).prefix(height).enumerated() {
            let y = body.y + 2 + offset
            if row.match == view.cursor {
                frame.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: "list.selected")
                StyledLine(row.line.spans.map { Span($0.text, "list.selected") }).draw(into: &frame, x: body.x, y: y, clip: body)
            } else {
                row.line.draw(into: &frame, x: body.x, y: y, clip: body)
            }
        }
    }

    /// A worker line before each group, then one line per match; `match`
    /// is the match's index for a match line.
    static func lines(_ state: AppState, _ matches: [GrepMatch], width: Int) -> [(match: Int?, line: StyledLine)] {
        var out: [(match: Int?, line: StyledLine)] = []
        var index = 0
        while index < matches.count {
            let key = matches[index].key
            let end = matches[index...].firstIndex { $0.key != key } ?? matches.count
            let name = state.worker(key)?.displayName ?? key.workerId
            let count = end - index
            out.append((nil, StyledLine([Span(Truncation.truncate(name, toWidth: max(1, width / 2)), "overlay.section"),
                                         Span(" · \(key.runtimeId) · \(count) match\(count == 1 ? "" : "es")", "overlay.disabled")])))
            for i in index..<end {
                let m = matches[i]
                let lead = "  #\(m.sequence) \(m.role.rawValue)  "
                out.append((i, StyledLine([Span(lead, "overlay.key"),
                                           Span(Truncation.truncate(m.snippet, toWidth: max(0, width - lead.count)), "overlay")])))
            }
            index = end
        }
        return out
    }

    /// `↑↓ move · Enter open · Esc close`, from the keymap.
    static func keysLine(_ state: AppState) -> String {
        let up = state.keymap.keys(for: BindingTable.binding(for: .moveUp, in: .searchResults)).first?.shortName ?? ""
        let down = state.keymap.keys(for: BindingTable.binding(for: .moveDown, in: .searchResults)).first?.shortName ?? ""
        let labelled = BindingTable.searchResults.compactMap { b -> String? in
            guard let label = b.barLabel, let key = state.keymap.keys(for: b).first else { return nil }
            return key.shortName + " " + label
        }
        return ([up + down + " move"] + labelled).joined(separator: " · ")
    }
}
