import ArgumentParser
import Foundation
import Registry

/// `workerdeck export`'s formats and its page-by-page reading.
enum TranscriptExport {
    enum Format: String, CaseIterable, ExpressibleByArgument {
        /// Markdown, sanitised (`TranscriptMarkdown`).
        case md
        /// JSON Lines: each `TranscriptItem` verbatim, in the API's encoding.
        case jsonl
    }

    /// Reads the transcript through `page(start, limit)` one page of at most
    /// `pageSize` at a time (never whole: a long transcript stays out of
    /// memory) and hands each rendered piece to `write`, in order. Returns
    /// the number of entries written.
    static func run(
        _ format: Format, worker: WorkerSummary, pageSize: Int = APIContract.maxTranscriptPage,
        page: (_ start: Int, _ limit: Int) async throws -> TranscriptPage,
        write: (String) throws -> Void
    ) async throws -> Int {
        if format == .md {
            try write(TranscriptMarkdown.header(runtimeId: worker.runtimeId, workerId: worker.workerId, label: worker.label))
        }
        let encoder = ProjectionJSON.wireEncoder(sortedKeys: true) // the same line for the same entry, every export
        var start = 0, written = 0
        while true {
            let current = try await page(start, pageSize)
            for item in current.items {
                switch format {
                case .md:
                    try write(TranscriptMarkdown.entry(item))
                case .jsonl:
                    // The encoder escapes newlines and controls, so one item is one line.
                    guard let data = try? encoder.encode(item) else {
                        throw CLIError(code: "export_failed", message: "entry \(item.sequence) could not be encoded", exitCode: 1)
                    }
                    try write(String(decoding: data, as: UTF8.self) + "\n")
                }
                written += 1
            }
            guard let next = current.nextStart else { return written }
            // A source whose paging does not advance would loop forever.
            guard next > start else {
                throw CLIError(code: "export_failed", message: "the transcript's pages did not advance past entry \(start + 1)", exitCode: 1)
            }
            start = next
        }
    }
}
