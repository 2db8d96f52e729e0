// workerdeck-bench: the quality.md benchmarks this branch can run (B1, B2,
// B3, B4, B5, B6, B7, B8, B9, B10, B11, B12, B13, B14, B15), printed as a markdown table; `workerdeck-bench b3 b5`
// runs a subset; `b6-path` (not in `all`) is B6 through the console's live path and `b6-inprocess` the older
// bench-side B6. `make bench` builds it in release mode and runs it.
// Subcommands `reopen` and `tail` are the child processes of B4 and B9,
// and `b2-child` of B2.
import Foundation

let arguments = CommandLine.arguments
let executable = URL(fileURLWithPath: arguments[0]).resolvingSymlinksInPath().path

do {
    switch arguments.count > 1 ? arguments[1] : "all" {
    case "reopen" where arguments.count == 3:
        try await B4Reopen.child(root: arguments[2])
    case "tail" where arguments.count == 5:
        try await B9LastEntries.child(root: arguments[2], worker: arguments[3], limit: Int(arguments[4]) ?? 20)
    case "b2-child":
        try B2DeltaBytes.child()
    case let first where first == "all" || first.hasPrefix("b"):
        let selected = first == "all" ? ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b12-reducer", "b13", "b14", "b15"] : Array(arguments.dropFirst())
        var rows: [BenchRow] = []
        if selected.contains("b1") { rows += B1Render.run() }
        if selected.contains("b2") { rows += try B2DeltaBytes.run(self: executable) }
        if selected.contains("b3") { rows += try await B3TranscriptPaging.run() }
        if selected.contains("b4") { rows += try B4Reopen.run(self: executable) }
        if selected.contains("b5") { rows += try await B5AcknowledgedInput.run() }
        if selected.contains("b6") { rows += try await B6RealConsole.run() }
        if selected.contains("b6-inprocess") {
            rows += try await runB6().map { BenchRow(id: "B6", what: $0.metric, measured: $0.value, target: $0.target, verdict: $0.verdict) }
        }
        if selected.contains("b6-path") { rows += try await B6ConsolePath.run() }
        if selected.contains("b7") { rows += try B7B8ConsoleProcess.idle() }
        if selected.contains("b8") { rows += try B7B8ConsoleProcess.firstFrame() }
        if selected.contains("b9") { rows += try B9LastEntries.run(self: executable) }
        if selected.contains("b10") { rows += try await B10APIOverhead.run() }
        if selected.contains("b11") { rows += try await B11ServeStreaming.run() }
        if selected.contains("b12") { rows += try await B12Console.run() }
        if selected.contains("b12-reducer") { rows += B12Reducer.run() }
        if selected.contains("b13") { rows += try await B13Elia.run() }
        if selected.contains("b14") { rows += try await B14ToolOutput.run() }
        if selected.contains("b15") { rows += try await B15Search.run() }
        print("| id | what | measured | target | verdict |")
        print("|---|---|---|---|---|")
        for row in rows {
            print("| \(row.id) | \(row.what) | \(row.measured) | \(row.target) | \(row.verdict) |")
        }
    default:
        FileHandle.standardError.write(Data("usage: workerdeck-bench [all | b1 … b6-inprocess | b11 | b12 | b12-reducer | b13 | b14 | b15 | reopen ROOT | tail ROOT WORKER N | b2-child]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("workerdeck-bench: \(error)\n".utf8))
    exit(1)
}
