import Console
import Foundation

/// B2: bytes the real ncurses renderer (`NcursesTerminal` + `FrameRenderer`,
/// as the loop drives them) writes for one streamed 5-character delta, vs a
/// full repaint of the same screen.
///
/// A child process (`workerdeck-bench b2-child`) runs ncurses with
/// TERM=xterm-256color, LINES=60, COLUMNS=200 and its stdout redirected to a
/// file; it measures the file's size around each `present` (ncurses flushes
/// its output in `doupdate`) and reports the counts as one JSON line on
/// stderr.
enum B2DeltaBytes {
    static let delta = "leaks" // five characters, one streamed delta

    static func run(self executable: String) throws -> [BenchRow] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("workerdeck-b2-\(getpid()).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["b2-child"]
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LINES"] = "\(ConsoleWorld.size.height)"
        env["COLUMNS"] = "\(ConsoleWorld.size.width)"
        env["LC_ALL"] = "C.UTF-8"
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let r = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int] else {
            throw BenchFailure("b2-child failed (\(process.terminationStatus)): \(text)")
        }
        let full = r["full", default: 0], first = r["first", default: 0], deltaBytes = r["delta", default: 0]
        let cells = r["cells", default: 0], cellBytes = r["cellBytes", default: 0], move = r["move", default: 0]
        let ratio = Double(deltaBytes) / Double(max(full, 1))
        let floor = cellBytes + move
        let overFloor = Double(deltaBytes) / Double(max(floor, 1))
        return [
            BenchRow(id: "B2", what: "ncurses bytes, full repaint of the 200×60 screen (clear + every cell; first frame after initscr: \(first))",
                     measured: "\(full) B", target: "—", verdict: "info"),
            BenchRow(id: "B2", what: "ncurses bytes, one 5-character streamed delta (\(cells) cells changed)",
                     measured: "\(deltaBytes) B", target: "—", verdict: "info"),
            BenchRow(id: "B2", what: "ratio delta / full repaint", measured: "1/\(fmt(1 / max(ratio, 1e-9), 0))",
                     target: "≤ 1/20", verdict: ratio <= 1.0 / 20 ? "met" : "MISSED"),
            BenchRow(id: "B2", what: "delta bytes / (changed cells' UTF-8 \(cellBytes) B + one cursor move \(move) B)",
                     measured: "\(fmt(overFloor, 2))×", target: "≤ 3×", verdict: overFloor <= 3 ? "met" : "MISSED"),
        ]
    }

    /// The child: draws frame A (full repaint), applies the delta through the
    /// reducer action the loop uses, draws frame B (diffed), then repaints B
    /// fully after `invalidate()` (as on resize) for the comparison.
    static func child() throws {
        let theme = ConsoleWorld.theme()
        var state = ConsoleWorld.state()
        let terminal = try NcursesTerminal(noColor: false, mouse: false)
        let size = terminal.size
        let renderer = FrameRenderer(surface: terminal, theme: theme)
        func written() -> Int {
            var st = stat()
            fstat(STDOUT_FILENO, &st)
            return Int(st.st_size)
        }
        let frameA = render(state, size: size, theme: theme)
        let b0 = written()
        renderer.present(frameA)
        let b1 = written()
        _ = reduce(&state, .turnDeltaArrived(ConsoleWorld.openKey, turn: "turn-bench", text: delta))
        let frameB = render(state, size: size, theme: theme)
        renderer.present(frameB)
        let b2 = written()
        renderer.invalidate()
        renderer.present(frameB)
        let b3 = written()
        terminal.close()

        let runs = frameB.diff(from: frameA)
        for run in runs {
            let text = run.cells.map(\.grapheme).joined()
            FileHandle.standardError.write(Data("b2-child: changed run at (\(run.x), \(run.y)): \"\(text)\"\n".utf8))
        }
        let changed = runs.flatMap(\.cells).filter { !$0.isContinuation }
        // One absolute cursor move to the first changed cell: CSI row ; col H.
        let move = runs.first.map { "\u{1B}[\($0.y + 1);\($0.x + 1)H".utf8.count } ?? 0
        let report: [String: Int] = [
            "width": size.width, "height": size.height,
            "first": b1 - b0, "delta": b2 - b1, "full": b3 - b2,
            "cells": changed.count, "cellBytes": changed.reduce(0) { $0 + $1.grapheme.utf8.count }, "move": move,
        ]
        let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        FileHandle.standardError.write(json + Data("\n".utf8))
        guard size == ConsoleWorld.size else { throw BenchFailure("ncurses saw \(size), not \(ConsoleWorld.size)") }
    }
}
