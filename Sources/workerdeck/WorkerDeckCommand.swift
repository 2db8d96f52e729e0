import ArgumentParser
import Foundation

@main
struct WorkerDeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workerdeck",
        abstract: "A keyboard-driven terminal console for operating LLM agent workers.",
        discussion: """
        With no subcommand, starts the console. Subcommands use the same registry and store, \
        for scripts and for operators without a full terminal.

        Exit codes: 0 ok, 2 invalid input, 3 unknown runtime or worker, 4 rejected (busy, \
        not running, stale), 5 unsupported by that source, 6 runtime or store unavailable, 1 anything else.
        """,
        subcommands: [
            ConsoleCommand.self, RuntimesCommand.self, WorkersCommand.self, ShowCommand.self,
            CreateCommand.self, SendCommand.self, TranscriptCommand.self, StopCommand.self,
            CancelCommand.self, ReconnectCommand.self, EventsCommand.self, DoctorCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
