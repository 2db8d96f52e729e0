/// A horizontal run of consecutive changed cells on one row.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

extension Frame {
    /// The runs of cells that differ from `previous`.
    ///
    /// Invariants: every changed cell is in exactly one run; runs never
    /// start on a wide continuation (the lead is included instead) and never
    /// end between a wide lead and its continuation; when sizes differ or
    /// `previous` is nil, every row is one run (a full repaint).
    public func diff(from previous: Frame?) -> [CellRun] {
        guard let previous, previous.size == size else {
            return (0..<size.height).map { y in
                CellRun(x: 0, y: y, cells: Array(cells[(y * size.width)..<((y + 1) * size.width)]))
            }
        }
        var runs: [CellRun] = []
        let w = size.width
        for y in 0..<size.height {
            var x = 0
            while x < w {
                let i = y * w + x
                guard cells[i] != previous.cells[i] else { x += 1; continue }
                var start = x
                if cells[i].isContinuation, start > 0 { start -= 1 }
                var end = x + 1
                while end < w, cells[y * w + end] != previous.cells[y * w + end] || cells[y * w + end].isContinuation {
                    end += 1
                }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    let from = last.x + last.cells.count
                    runs[runs.count - 1].cells.append(contentsOf: cells[(y * w + from)..<(y * w + end)])
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(y * w + start)..<(y * w + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
