import ArgumentParser
import Foundation
import Registry

struct TranscriptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcript", abstract: "Print a bounded transcript page (default: the last 20 entries).",
        discussion: """
        Entries are numbered from 1, and --start counts the same way. With --json, "start" and \
        "next_start" are entry numbers too, so "next_start" is the next page's --start.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Option(name: .long, help: "First entry number, from 1 as the transcript shows them (default: the last page).")
    var start: Int?
    @Option(name: .long, help: "Entries per page (1 to the runtime's maximum).") var limit = 20
    @OptionGroup var output: JSONFlag

    func validate() throws {
        if let start, start < 1 {
            throw ValidationError("--start counts entries from 1, as the transcript numbers them")
        }
    }

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let key = WorkerKey(runtimeId: runtime, workerId: worker)
            // The registry pages by 0-based index; entry N is index N - 1.
            let page = if let start {
                try await deck.registry.transcript(key, start: start - 1, limit: limit)
            } else {
                try await deck.registry.transcriptTail(key, limit: limit)
            }
            if output.json {
                printJSON(Self.numberedByEntry(page))
                return
            }
            var text = ""
            for item in page.items {
                let stamp = item.createdAt.map { $0.formatted(.iso8601) } ?? "-"
                let who = item.kind == .message ? item.role.rawValue : "\(item.role.rawValue)/\(item.kind.rawValue)"
                text += "#\(item.sequence) \(who) \(stamp)\(item.interrupted ? " (interrupted)" : "")\n\(PlainText.sanitise(Self.body(item)))\n\n"
            }
            let end = page.start + page.items.count
            text += "entries \(page.items.isEmpty ? 0 : page.start + 1)-\(end) of \(page.totalItems)"
            if let next = page.nextStart { text += "; next: --start \(next + 1)" }
            out(text + "\n")
        }
    }

    /// The page with `start` and `nextStart` as entry numbers (index + 1),
    /// the way `--start` takes them.
    static func numberedByEntry(_ page: TranscriptPage) -> TranscriptPage {
        var numbered = page
        numbered.start = page.start + 1
        numbered.nextStart = page.nextStart.map { $0 + 1 }
        return numbered
    }
}

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Print the runtime event log.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Runtime (default: backend-internal).") var runtime = "backend-internal"
    @Option(name: .long, help: "First event id to print (default: 1).") var from: Int64 = 1
    @Option(name: .long, help: "Events per page.") var limit = 256
    @Flag(name: .long, help: "Keep printing new events as they are written.") var follow = false
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json, role: follow ? .follow : .read) { deck in
            guard from >= 1 else { throw CLIError.invalid("--from must be 1 or more") }
            if follow {
                // Without an owner, follow the store's writes by polling it.
                await deck.home.followLocalWrites()
                for await event in try await deck.registry.subscribe(runtime: runtime, from: from) {
                    print(event)
                }
                return
            }
            var cursor = from
            while true {
                let page = try await deck.registry.events(runtime: runtime, from: cursor, limit: limit)
                page.events.forEach(print)
                cursor = page.nextCursor
                if !page.hasMore { break }
            }
        }
    }

    private func print(_ event: RuntimeEventProjection) {
        if output.json {
            printJSON(event)
        } else {
            out("\(event.id) \(event.createdAt.formatted(.iso8601)) \(event.kind) \(event.workerId ?? "-") \(PlainText.line(event.message))\n")
        }
    }
}

extension TranscriptCommand {
    /// What an entry says in plain text: tool calls as `TOOL ARGUMENTS`,
    /// results as their status line, output and diff (`--json` has the fields).
    static func body(_ item: TranscriptItem) -> String {
        if let call = item.toolCall { return "\(call.tool) \(call.arguments)  [call \(call.callId)]" }
        guard let result = item.toolResult else { return item.content }
        var text = "\(result.status.rawValue)\(result.truncated ? " (output truncated)" : "")  [call \(result.callId)]"
        if !result.output.isEmpty { text += "\n" + result.output }
        if let diff = result.diff, !diff.isEmpty { text += "\n" + diff }
        return text
    }
}
