import Console
import Foundation
import Registry

/// B12, the in-process part: the console's reducer and render per delta
/// while one reply streams, for a short and a long reply. Each delta goes
/// through `reduce`; a frame is rendered every 13 deltas (400 deltas/s at
/// the loop's 30 frames/s), as the loop coalesces them. The cost per delta
/// must not grow with the reply: the long one within 1.2× of the short one.
/// (B12 proper is measured on the release `workerdeck` in tmux.)
enum B12Reducer {
    static let deltasPerFrame = 13

    static func run() -> [BenchRow] {
        let short = perDeltaMs(deltas: 2_000)
        let long = perDeltaMs(deltas: 20_000)
        let ratio = long / max(short, 1e-9)
        return [
            BenchRow(id: "B12", what: "reducer + render per delta, 2,000-delta reply (200×60, in process)",
                     measured: "\(fmt(short * 1000, 1)) µs", target: "—", verdict: "info"),
            BenchRow(id: "B12", what: "reducer + render per delta, 20,000-delta reply (200×60, in process)",
                     measured: "\(fmt(long * 1000, 1)) µs", target: "—", verdict: "info"),
            BenchRow(id: "B12", what: "per delta, long reply / short reply", measured: "\(fmt(ratio, 2))×",
                     target: "≤ 1.2×", verdict: ratio <= 1.2 ? "met" : "MISSED"),
        ]
    }

    /// Milliseconds of reducer and render per delta over a whole reply.
    static func perDeltaMs(deltas: Int) -> Double {
        var state = ConsoleWorld.state(entries: 60, streamingText: "")
        let theme = ConsoleWorld.theme()
        let cache = TranscriptLayoutCache()
        let key = ConsoleWorld.openKey
        _ = reduce(&state, .turnStarted(key, turn: "turn-bench"))
        let pieces = replyPieces()
        let total = Measure.ms {
            for i in 0..<deltas {
                _ = reduce(&state, .turnDeltaArrived(key, turn: "turn-bench", text: pieces[i % pieces.count]))
                if i % deltasPerFrame == deltasPerFrame - 1 {
                    _ = render(state, size: ConsoleWorld.size, theme: theme, cache: cache)
                }
            }
        }
        return total / Double(deltas)
    }

    /// A reply's deltas, a few characters each: prose, a list, a fenced
    /// block, CJK and emoji, a line ending every dozen deltas or so.
    static func replyPieces() -> [String] {
        let text = """
            The pool leaks because `release` returns early when the **lease** is stale, so the slot is never handed back.
            - the lease timer fires after the request finished 👨‍👩‍👧
            - the slot count drops by one each time
            ```
            func release(_ lease: Lease) {
                defer { slots.signal() }
            }
            ```
            次のステップは何ですか？ The retry budget is spent when the server answers 503 three times in a row.

            """
        var pieces: [String] = []
        var piece = ""
        for c in text {
            piece.append(c)
            if piece.count >= 4, c == " " || c == "\n" { pieces.append(piece); piece = "" }
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }
}
