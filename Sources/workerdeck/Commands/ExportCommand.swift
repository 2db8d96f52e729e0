import ArgumentParser
import Foundation
import Registry

/// `workerdeck export R W --format md|jsonl [--output FILE]` (issue 16).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a worker's whole transcript as Markdown or JSON Lines.",
        discussion: """
        jsonl: one entry per line, verbatim, in the API's JSON. md: for reading; headings per entry, tool calls \
        and results spelled out, every content in a fenced block and sanitised (no escape sequence, no HTML). \
        The transcript is read page by page. With --output the file appears only once the export is complete \
        (and --json prints {"entries": N, "format": F}). Errors with --json are JSON like every command's. \
        Local compatibility workers export too.
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Option(name: .long, help: "md or jsonl.") var format: TranscriptExport.Format
    @Option(name: .customLong("output"), help: "Write to this file instead of standard output.") var outputFile: String?
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let key = WorkerKey(runtimeId: runtime, workerId: worker)
            let summary = try await deck.registry.worker(key)
            let sink: ExportSink
            if let outputFile { sink = try ExportSink.file(outputFile) } else { sink = .standardOutput() }
            do {
                let entries = try await TranscriptExport.run(format, worker: summary, page: { start, limit in
                    try await deck.registry.transcript(key, start: start, limit: limit)
                }, write: { try sink.write($0) })
                try sink.finish()
                if output.json, outputFile != nil { printJSON(ExportReport(entries: entries, format: format.rawValue)) }
            } catch {
                sink.discard()
                throw error
            }
        }
    }
}

/// What `export --output FILE --json` prints once the file is in place.
struct ExportReport: Encodable {
    var entries: Int
    var format: String
}
