import Foundation

/// The console's entry point for the `workerdeck` executable.
public enum ConsoleApp {
    /// Runs the TUI until the operator quits; returns the exit code.
    ///
    /// ncurses runs on one dedicated thread for the whole session; effects
    /// run as tasks and come back through the `Inbox`. Throws when stdin or
    /// stdout is not a terminal.
    public static func run(backend: any ConsoleBackend, options: ConsoleOptions) async throws(ConsoleFailure) -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw ConsoleFailure("the console needs a terminal; use `workerdeck workers` and the other subcommands instead")
        }
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let code = ConsoleLoop.runOnCurrentThread(backend: backend, options: options)
                continuation.resume(returning: code)
            }
            thread.name = "workerdeck-ui"
            thread.start()
        }
    }
}
