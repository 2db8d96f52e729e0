import Console
import Foundation

/// B1: the pure view, `render(state, size, theme)`, of a 200×60 screen whose
/// transcript pane is full (ConsoleWorld: mixed prose, Markdown, code, CJK,
/// emoji, a reply streaming). In-process, release build.
enum B1Render {
    static let renders = 2_000

    static func run() -> [BenchRow] {
        let state = ConsoleWorld.state()
        let theme = ConsoleWorld.theme()
        let size = ConsoleWorld.size
        let first = render(state, size: size, theme: theme)
        let filled = (0..<size.height).filter { y in
            (ConsoleWorld.size.width / 3..<size.width).contains { x in first[x, y].grapheme != " " }
        }.count
        FileHandle.standardError.write(Data("B1: \(filled) of \(size.height) rows carry text in the right two thirds\n".utf8))

        // As the loop renders: one TranscriptLayoutCache kept across frames.
        let cache = TranscriptLayoutCache()
        for _ in 0..<50 { _ = render(state, size: size, theme: theme, cache: cache) }
        var cached: [Double] = []
        for _ in 0..<renders {
            cached.append(Measure.ms { _ = render(state, size: size, theme: theme, cache: cache) })
        }
        // Without the cache: every entry's Markdown laid out afresh.
        var cold: [Double] = []
        for _ in 0..<renders {
            cold.append(Measure.ms { _ = render(state, size: size, theme: theme) })
        }
        let p50 = Measure.percentile(cached, 50)
        return [
            BenchRow(id: "B1", what: "render 200×60, full transcript pane, loop's layout cache (\(renders) renders)",
                     measured: "p50 \(fmt(p50, 3)) ms, p99 \(fmt(Measure.percentile(cached, 99), 3)) ms",
                     target: "p50 < 0.5 ms", verdict: p50 < 0.5 ? "met" : "MISSED"),
            BenchRow(id: "B1", what: "same, no layout cache (\(renders) renders)",
                     measured: "p50 \(fmt(Measure.percentile(cold, 50), 3)) ms, p99 \(fmt(Measure.percentile(cold, 99), 3)) ms",
                     target: "—", verdict: "info"),
        ]
    }
}
