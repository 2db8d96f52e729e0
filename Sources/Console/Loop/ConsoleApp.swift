import Foundation

/// The console's entry point for the `workerdeck` executable.
public enum ConsoleApp {
    /// Runs the TUI until the operator quits; returns the exit code.
    ///
    /// ncurses runs on one dedicated thread for the whole session; effects
    /// run as tasks and come back through the `Inbox`. Throws when stdin or
    /// stdout is not a terminal or the terminal type is unknown, or when
    /// `WORKERDECK_TEST_EVENTS` names something other than a regular file.
    public static func run(backend: any ConsoleBackend, options: ConsoleOptions) async throws(ConsoleFailure) -> Int32 {
        // Settings first, so a refused one is reported with or without a terminal.
        let eventsFile = try TestEventLog.open(path: options.testEventsPath)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ConsoleFailure("the console needs a terminal; use `workerdeck workers` and the other subcommands instead")
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Int32, ConsoleFailure>, Never>) in
            let thread = Thread {
                continuation.resume(returning: ConsoleLoop.runOnCurrentThread(backend: backend, options: options,
                                                                              eventsFile: eventsFile))
            }
            thread.name = "workerdeck-ui"
            thread.start()
        }
        return try result.get()
    }
}
