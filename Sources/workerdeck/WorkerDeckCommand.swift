import ArgumentParser
import Foundation

@main
struct WorkerDeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workerdeck",
        abstract: "A keyboard-driven terminal console for operating LLM agent workers.",
        discussion: """
        With no subcommand, starts the console. Subcommands use the same registry and store, \
        for scripts and for operators without a full terminal. Global options may stand before \
        or after the subcommand.

        Exit codes: 0 ok, 2 invalid input, 3 unknown runtime or worker, 4 rejected (busy, \
        not running, stale), 5 unsupported by that source, 6 runtime or store unavailable, 1 anything else.
        """,
        version: WorkerDeckVersion.current,
        subcommands: [
            ConsoleCommand.self, RuntimesCommand.self, WorkersCommand.self, ShowCommand.self,
            CreateCommand.self, SendCommand.self, TranscriptCommand.self, InterruptCommand.self,
            StopCommand.self, CancelCommand.self, ReconnectCommand.self, RenameCommand.self, ArchiveCommand.self, UnarchiveCommand.self, DeleteCommand.self, ForkCommand.self, ExportCommand.self, SearchCommand.self, EventsCommand.self, ServeCommand.self,
            ApprovalsCommand.self, ApproveCommand.self, DenyCommand.self, DiffCommand.self, TokenCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Declared here as well as in every subcommand: the root's parser takes
    /// these options wherever they stand on the command line (before or
    /// after the subcommand name), and a subcommand's `@OptionGroup` of the
    /// same type reuses the value the root decoded.
    @OptionGroup var global: GlobalOptions

    /// ArgumentParser's `main`, except that a command-line parse error is
    /// reported like every other error (one line, or the JSON shape with
    /// `--json`) and exits 2 as layout.md says, not `EX_USAGE` (64).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot(arguments)
        } catch {
            exitAfterParseFailure(error, arguments: arguments)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// Help, `--generate-completion-script` and the like end as
    /// ArgumentParser ends them (their "errors" are clean exits); a real
    /// parse error becomes `invalid_arguments`, exit 2.
    static func exitAfterParseFailure(_ error: any Error, arguments: [String]) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        let failure = ParseFailure(message: message(for: error), fullText: fullMessage(for: error, columns: 4096))
        let report = CLIError(code: "invalid_arguments", message: failure.line, exitCode: 2)
            .report(json: ParseFailure.wantsJSON(arguments))
        Foundation.exit(report.rawValue)
    }
}

/// A command-line parse error folded into the CLI's one-line error form.
struct ParseFailure {
    var message: String
    /// ArgumentParser's full text: error, usage, and "See '… --help'".
    var fullText: String

    /// The error and where to read the usage, on one line.
    var line: String {
        "\(PlainText.line(message).trimmingCharacters(in: .whitespaces)) (see '\(helpCommand)')"
    }

    /// The help command ArgumentParser names for the failing subcommand,
    /// e.g. `workerdeck send --help`.
    var helpCommand: String {
        guard let see = fullText.range(of: "See '"),
              let end = fullText[see.upperBound...].firstIndex(of: "'") else { return "workerdeck --help" }
        return String(fullText[see.upperBound..<end])
    }

    /// `--json` among the arguments (before a `--` terminator): the parse
    /// error then takes the JSON shape too.
    static func wantsJSON(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }
}
