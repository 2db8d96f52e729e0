import ArgumentParser
import Foundation
import Registry

/// `workerdeck diff R W`: what a worker changed in its directory (tools.md,
/// Seeing what workers did), computed by the workspace's owner when one runs.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Print git diff of a worker's directory (its worktree against its base commit, or the workspace against HEAD).",
        discussion: """
        Untracked files (not ignored) show as new files. The diff is cut at 2 MiB at a line's end; \
        --json says so in "truncated". Plain output is sanitised: no escape sequence from a file reaches the terminal.
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let page = try await deck.registry.workdirDiff(WorkerKey(runtimeId: runtime, workerId: worker))
            if output.json {
                printJSON(page)
                return
            }
            let directory = PlainText.line(page.directory)
            guard !page.diff.isEmpty else { return out("no changes in the \(directory)\n") }
            out(PlainText.sanitise(page.diff))
            if !page.diff.hasSuffix("\n") { out("\n") }
            if page.truncated {
                FileHandle.standardError.write(Data("workerdeck: the diff of the \(directory) was cut at 2 MiB\n".utf8))
            }
        }
    }
}
