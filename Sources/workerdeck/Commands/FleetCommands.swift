import ArgumentParser
import Foundation
import Registry

/// `workerdeck archive R W`: hides a worker from `workers` and the
/// console's default list (issue 16, Managing a fleet of workers).
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Hide a worker from default lists (any status; `workers --archived` shows it).",
        discussion: "Repeating it changes nothing. Local compatibility workers cannot be archived (exit 5)."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await setArchived(true, global: global, output: output, runtime: runtime, worker: worker)
    }
}

/// `workerdeck unarchive R W`: shows an archived worker in default lists again.
struct UnarchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unarchive", abstract: "Show an archived worker in default lists again."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await setArchived(false, global: global, output: output, runtime: runtime, worker: worker)
    }
}

private func setArchived(_ archived: Bool, global: GlobalOptions, output: JSONFlag, runtime: String, worker: String) async throws {
    try await withDeck(global, json: output.json, role: .write) { deck in
        let summary = try await deck.registry.setArchived(WorkerKey(runtimeId: runtime, workerId: worker), archived)
        if output.json {
            printJSON(summary)
        } else {
            out("\(summary.workerId) \(archived ? "archived" : "unarchived")\n")
        }
    }
}

/// `workerdeck delete R W`: removes a worker, its transcript, its events
/// and its worktree. Destructive, so it asks on a terminal; a script says
/// `--yes` (without it, a stdin that is not a terminal is refused).
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a worker: its transcript, events and worktree (asks first; --yes for scripts).",
        discussion: """
        Refused while a turn runs (exit 4). On a terminal it asks; otherwise --yes is required (exit 2 without it). \
        A worktree that cannot be removed now is removed by the next delete or when an owner starts.
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Flag(name: .long, help: "Do not ask.") var yes = false
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json, role: .write) { deck in
            let key = WorkerKey(runtimeId: runtime, workerId: worker)
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw CLIError.invalid("delete asks for confirmation and stdin is not a terminal; pass --yes")
                }
                let shown = try await deck.registry.worker(key)
                let name = shown.label == shown.workerId ? shown.workerId : "\(shown.workerId) (\(PlainText.line(shown.label)))"
                FileHandle.standardError.write(Data("Delete \(name)? Its transcript, events and worktree are removed. [y/N] ".utf8))
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else {
                    throw CLIError(code: "not_confirmed", message: "not deleted", exitCode: 1)
                }
            }
            let deleted = try await deck.registry.delete(key)
            if output.json {
                printJSON(deleted)
            } else {
                let note = deleted.directoryRemoved ? "" : " (its worktree is removed later)"
                out("\(deleted.workerId) deleted\(note)\n")
            }
        }
    }
}

/// `workerdeck fork R W [--at N]`: a new worker seeded with the transcript
/// up to entry N; the original stays as it is.
struct ForkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fork", abstract: "Branch a worker: a new worker seeded with its transcript up to an entry.",
        discussion: """
        The new worker has its own id and the same profile; its first turn carries the copied entries. \
        Entries count from 1, as the transcript shows them; default: all.
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Option(name: .long, help: "The last entry copied (from 1).") var at: Int?
    @Option(name: .long, help: "The new worker's label.") var label: String?
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json, role: .write) { deck in
            let fork = try await deck.registry.fork(WorkerKey(runtimeId: runtime, workerId: worker), at: at, label: label)
            if output.json {
                printJSON(fork)
            } else {
                let entry = fork.parent.map { " at entry \($0.entry)" } ?? ""
                out("\(fork.workerId) forked from \(worker)\(entry) (\(fork.status.rawValue))\n")
            }
        }
    }
}
